package dev.streamtts.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a session's free CPU-arena chunks back now and then. ONNX Runtime's arena keeps every chunk it
 * ever took: one long sentence extends it by a chunk twice the last (tens of MB), and resident memory
 * then stays at that high-water mark for the rest of the run. Asking for shrinkage
 * ({@code memory.enable_memory_arena_shrinkage}) on a run frees the chunks no tensor uses once the run
 * ends; asked on every run it costs speed (docs/RELIABILITY.md, "Memory"), so it is asked at most once per
 * interval per session. One instance per session.
 */
public final class ArenaTrim {
    private static final Logger log = LoggerFactory.getLogger(ArenaTrim.class);
    /** How often, by default: rare enough to cost nothing measurable, often enough to bound a long run. */
    static final long DEFAULT_INTERVAL_MS = 10_000;

    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong last;

    ArenaTrim(long intervalMillis, LongSupplier clock) {
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.clock = clock;
        this.last = new AtomicLong(clock.getAsLong());
    }

    /** For a model's session: every 10 s ({@code -Dstreamtts.onnx.trim_ms=N} for experiments; 0: every run). */
    public static ArenaTrim forSession() {
        return new ArenaTrim(Long.getLong("streamtts.onnx.trim_ms", DEFAULT_INTERVAL_MS), System::nanoTime);
    }

    /** The options for the next run: shrinkage when the interval has passed since the last, else null (the defaults). */
    public OrtSession.RunOptions next() {
        long now = clock.getAsLong();
        long prev = last.get();
        if (now - prev >= intervalNanos && last.compareAndSet(prev, now)) {
            return Shrink.OPTIONS;
        }
        return null;
    }

    private static final class Shrink {
        static final OrtSession.RunOptions OPTIONS = make(); // made once; lives as long as the process

        private static OrtSession.RunOptions make() {
            try {
                OrtSession.RunOptions o = new OrtSession.RunOptions();
                o.addRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
                return o;
            } catch (OrtException e) {
                log.debug("arena shrinkage not available: {}", e.getMessage());
                return null;
            }
        }
    }
}
