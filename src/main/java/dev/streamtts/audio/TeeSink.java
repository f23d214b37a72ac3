package dev.streamtts.audio;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every clip to each output (speaker, WAV file). Each output fails on its own: the first error
 * of one is logged once, that output is closed (a WAV file stays valid) and dropped, and the others go
 * on. The first output is the one whose timing and losses are reported.
 */
public final class TeeSink implements AudioSink {
    private static final Logger log = LoggerFactory.getLogger(TeeSink.class);

    private final AudioSink primary;
    private final List<AudioSink> live;
    private volatile boolean failed;

    public TeeSink(List<AudioSink> sinks) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("no sinks");
        }
        this.primary = sinks.get(0);
        this.live = new ArrayList<>(sinks);
    }

    @Override
    public long write(Pcm clip) throws AudioException {
        List<AudioSink> now;
        synchronized (this) {
            if (live.isEmpty()) {
                throw new AudioException("no output is left (each one failed; see above)");
            }
            now = List.copyOf(live);
        }
        long first = -1; // the delay of the first output that took the clip
        for (AudioSink sink : now) {
            try {
                long delay = sink.write(clip);
                if (first < 0) {
                    first = delay;
                }
            } catch (AudioException e) {
                drop(sink, e);
            }
        }
        if (first < 0) {
            throw new AudioException("no output is left (each one failed; see above)");
        }
        return first;
    }

    private void drop(AudioSink sink, AudioException e) {
        synchronized (this) {
            if (!live.remove(sink)) {
                return;
            }
            failed = true;
        }
        sink.close();
        boolean others;
        synchronized (this) {
            others = !live.isEmpty();
        }
        log.error("{} stopped: {}{}", sink.name(), e.getMessage(),
                others ? "; the other output goes on" : "; nothing is left to play or record on");
    }

    @Override
    public void finish() {
        snapshot().forEach(AudioSink::finish);
    }

    @Override
    public void close() {
        snapshot().forEach(AudioSink::close);
    }

    @Override
    public String name() {
        return String.join(" and ", snapshot().stream().map(AudioSink::name).toList());
    }

    @Override
    public double unheardSeconds() {
        return primary.unheardSeconds();
    }

    @Override
    public boolean failed() {
        return failed;
    }

    private synchronized List<AudioSink> snapshot() {
        return List.copyOf(live);
    }
}
