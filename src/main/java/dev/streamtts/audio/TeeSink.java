package dev.streamtts.audio;

import java.util.List;

/** Sends every clip to several sinks (speaker and WAV file); the first one's timing is reported. */
public final class TeeSink implements AudioSink {
    private final List<AudioSink> sinks;

    public TeeSink(List<AudioSink> sinks) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("no sinks");
        }
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public long write(Pcm clip) throws AudioException {
        long first = 0;
        AudioException failure = null;
        for (int i = 0; i < sinks.size(); i++) {
            try {
                long t = sinks.get(i).write(clip);
                if (i == 0) {
                    first = t;
                }
            } catch (AudioException e) {
                failure = failure == null ? e : failure; // the others still get the clip
            }
        }
        if (failure != null) {
            throw failure;
        }
        return first;
    }

    @Override
    public void finish() {
        sinks.forEach(AudioSink::finish);
    }

    @Override
    public void close() {
        sinks.forEach(AudioSink::close);
    }
}
