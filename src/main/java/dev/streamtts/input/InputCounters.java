package dev.streamtts.input;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the input stage saw. Written by the reader thread, read by the stats report. */
public final class InputCounters {
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong unknownTypes = new AtomicLong();
    private final AtomicLong subagentBlocks = new AtomicLong();
    private final AtomicLong duplicateBlocks = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skipped = new EnumMap<>(SkipReason.class);

    public InputCounters() {
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, new AtomicLong());
        }
    }

    void line() {
        lines.incrementAndGet();
    }

    void skip(SkipReason reason) {
        skipped.get(reason).incrementAndGet();
    }

    void unknownType() {
        unknownTypes.incrementAndGet();
    }

    void subagentBlock() {
        subagentBlocks.incrementAndGet();
    }

    void duplicateBlock() {
        duplicateBlocks.incrementAndGet();
    }

    public long lines() {
        return lines.get();
    }

    public long skipped(SkipReason reason) {
        return skipped.get(reason).get();
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long unknownTypes() {
        return unknownTypes.get();
    }

    public long subagentBlocks() {
        return subagentBlocks.get();
    }

    public long duplicateBlocks() {
        return duplicateBlocks.get();
    }
}
