package dev.streamtts.audio;

import java.util.Arrays;

/**
 * Joins the pieces of one sentence, synthesized one after the other, into what sounds like one clip,
 * while each piece can play as soon as it is ready. A voice ends every piece as if the sentence ended
 * there (with trailing near-silence, or abruptly) and starts the next one as a new utterance (often after
 * some leading silence). So at each seam the silence on both sides is cut down to a clause pause (at most
 * {@value #MAX_PAUSE_MS} ms; a shorter pause is never lengthened) and the two sides are crossfaded over
 * {@value #CROSSFADE_MS} ms, which leaves no step in the waveform. The fade-in is made at the start of the
 * sentence only, the fade-out at its end only. For the seam, the end of each piece (its trailing
 * silence, or at least the crossfade's length) is held back until the next piece comes or the sentence
 * ends. One joiner per sentence; not thread-safe.
 */
public final class PieceJoiner {
    static final double MAX_PAUSE_MS = 200;
    /** Of the next piece's leading near-silence, this much is kept first: a soft onset (s, f, h) may lie in it. */
    static final double LEAD_KEEP_MS = 30;
    static final double CROSSFADE_MS = 4;
    /** Near-silence: under 1 % of the piece's peak (-40 dB), or under -80 dBFS in a piece that is all silence. */
    private static final float SILENCE_OF_PEAK = 0.01f;
    private static final float SILENCE_FLOOR = 1e-4f;

    private final int sampleRate;
    private final double fadeMillis;
    private boolean started;
    private boolean ended;
    /** The end of the last piece, not played yet, and how many of its last samples are near-silence. */
    private float[] held = new float[0];
    private int heldSilence;

    public PieceJoiner(int sampleRate, double fadeMillis) {
        this.sampleRate = sampleRate;
        this.fadeMillis = fadeMillis;
    }

    /**
     * Takes the next piece and returns what can be played now: all of the sentence so far but the held-back
     * end; with {@code last}, everything that is left, faded out.
     */
    public Pcm add(Pcm piece, boolean last) {
        if (ended) {
            throw new IllegalStateException("the sentence has ended");
        }
        if (piece.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("a piece at " + piece.sampleRate() + " Hz in a sentence at " + sampleRate);
        }
        float[] s = piece.view();
        float silence = silenceLevel(s);
        float[] out;
        if (!started) {
            started = true;
            out = s.clone();
            Fades.in(out, Fades.length(out.length, sampleRate, fadeMillis));
        } else {
            out = join(s, leadingSilence(s, silence));
        }
        if (last) {
            ended = true;
            Fades.out(out, Fades.length(out.length, sampleRate, fadeMillis));
            return new Pcm(out, sampleRate);
        }
        int trailing = trailingSilence(out, silence);
        int hold = Math.min(out.length, Math.max(trailing, samples(CROSSFADE_MS)));
        held = Arrays.copyOfRange(out, out.length - hold, out.length);
        heldSilence = Math.min(trailing, hold);
        return new Pcm(Arrays.copyOf(out, out.length - hold), sampleRate);
    }

    /** The sentence ends before its last piece (that piece failed): what was held back, faded out. */
    public Pcm finish() {
        if (ended) {
            return new Pcm(new float[0], sampleRate);
        }
        ended = true;
        float[] out = held;
        Fades.out(out, Fades.length(out.length, sampleRate, fadeMillis));
        return new Pcm(out, sampleRate);
    }

    /** The held end of the last piece, then {@code next}, with the silence between cut to a clause pause. */
    private float[] join(float[] next, int lead) {
        int gap = Math.min(heldSilence + lead, samples(MAX_PAUSE_MS));
        int keepNext = Math.min(lead, Math.min(samples(LEAD_KEEP_MS), gap));
        int keepHeld = Math.min(heldSilence, gap - keepNext);
        keepNext = Math.min(lead, gap - keepHeld);
        int a = held.length - heldSilence + keepHeld;
        int from = lead - keepNext;
        int b = next.length - from;
        int w = Math.min(samples(CROSSFADE_MS), Math.min(a, b));
        float[] out = new float[a + b - w];
        System.arraycopy(held, 0, out, 0, a - w);
        for (int i = 0; i < w; i++) {
            float g = (i + 1) / (float) (w + 1);
            out[a - w + i] = held[a - w + i] * (1 - g) + next[from + i] * g;
        }
        System.arraycopy(next, from + w, out, a, b - w);
        return out;
    }

    static float silenceLevel(float[] s) {
        float peak = 0;
        for (float x : s) {
            peak = Math.max(peak, Math.abs(x));
        }
        return Math.max(SILENCE_FLOOR, peak * SILENCE_OF_PEAK);
    }

    static int leadingSilence(float[] s, float level) {
        int n = 0;
        while (n < s.length && Math.abs(s[n]) < level) {
            n++;
        }
        return n;
    }

    static int trailingSilence(float[] s, float level) {
        int n = 0;
        while (n < s.length && Math.abs(s[s.length - 1 - n]) < level) {
            n++;
        }
        return n;
    }

    private int samples(double millis) {
        return (int) Math.round(millis / 1000.0 * sampleRate);
    }
}
