package dev.streamtts.pipeline;

import dev.streamtts.audio.AudioSink;
import dev.streamtts.audio.Pcm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notes when (on the pipeline's clock) each clip was written, and its length. A paced one plays like a
 * sound device, in real time, on a {@link ManualClock}: each write moves the clock on by the clip's length.
 */
class TimingSink implements AudioSink {
    final List<Long> writes = new CopyOnWriteArrayList<>();
    final List<Integer> lengths = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final ManualClock paced;

    /** Takes each clip at once. */
    TimingSink(Clock clock) {
        this(clock, null);
    }

    private TimingSink(Clock clock, ManualClock paced) {
        this.clock = clock;
        this.paced = paced;
    }

    /** Takes each clip in as much of {@code clock}'s time as it lasts. */
    static TimingSink paced(ManualClock clock) {
        return new TimingSink(clock, clock);
    }

    @Override
    public long write(Pcm clip) {
        writes.add(clock.nanoTime());
        lengths.add(clip.length());
        if (paced != null) {
            paced.advance(Duration.ofNanos(Math.round(clip.seconds() * 1e9)));
        }
        return 0;
    }

    @Override
    public void finish() {
    }

    @Override
    public void close() {
    }

    @Override
    public String name() {
        return "timing";
    }
}
