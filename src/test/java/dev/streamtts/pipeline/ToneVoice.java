package dev.streamtts.pipeline;

import dev.streamtts.audio.Pcm;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test voice: a tone of 10 ms per character, optionally slow, optionally failing on a marker word.
 * It records what it was asked to say.
 */
class ToneVoice implements Voice {
    static final int RATE = 16_000;
    final List<String> spoken = Collections.synchronizedList(new ArrayList<>());
    private final long delayMillis;

    ToneVoice(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    static int samplesFor(String text) {
        return text.length() * RATE / 100;
    }

    @Override
    public String name() {
        return "tone";
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public Pcm synthesize(String text) throws VoiceException {
        if (text.contains("UNSPEAKABLE")) {
            throw new VoiceException("cannot say that");
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VoiceException("interrupted");
            }
        }
        spoken.add(text);
        float[] s = new float[samplesFor(text)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / RATE));
        }
        return new Pcm(s, RATE);
    }

    @Override
    public void close() {
    }
}
