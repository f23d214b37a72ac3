package dev.streamtts.pipeline;

import dev.streamtts.audio.Pcm;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A test voice: a tone of 10 ms per character, failing on a marker word. It can be slow on a
 * {@link ManualClock} (each sentence moves the clock on, no real time passes) and can hold a text back
 * until a condition holds. It records what it was asked to say.
 */
class ToneVoice implements Voice {
    static final int RATE = 16_000;
    final List<String> spoken = Collections.synchronizedList(new ArrayList<>());
    private final ManualClock clock;
    private final long delayMillis;
    private final List<Hold> holds = new CopyOnWriteArrayList<>();

    private record Hold(Predicate<String> which, BooleanSupplier until) {
    }

    /** Takes no time. */
    ToneVoice() {
        this(null, 0);
    }

    /** Takes {@code delayMillis} of {@code clock}'s time per call. */
    ToneVoice(ManualClock clock, long delayMillis) {
        this.clock = clock;
        this.delayMillis = delayMillis;
    }

    static int samplesFor(String text) {
        return text.length() * RATE / 100;
    }

    /** Before saying a text that {@code which} matches, waits (in real time, failing at a deadline) for {@code until}. */
    ToneVoice hold(Predicate<String> which, BooleanSupplier until) {
        holds.add(new Hold(which, until));
        return this;
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
        for (Hold h : holds) {
            if (h.which().test(text)) {
                Await.until("the voice's release before '" + text + "'", h.until());
            }
        }
        if (delayMillis > 0) {
            clock.advanceMillis(delayMillis);
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
