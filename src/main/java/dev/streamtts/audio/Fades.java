package dev.streamtts.audio;

/**
 * Short linear fades at both ends of a clip. A clip that starts or stops on a non-zero sample is a step,
 * and a step is heard as a click; a few milliseconds of ramp remove it without being audible.
 */
public final class Fades {
    private Fades() {
    }

    public static Pcm apply(Pcm clip, double millis) {
        float[] s = clip.samples();
        int n = Math.min((int) Math.round(millis / 1000.0 * clip.sampleRate()), s.length / 2);
        for (int i = 0; i < n; i++) {
            float gain = i / (float) n;
            s[i] *= gain;
            s[s.length - 1 - i] *= gain;
        }
        return new Pcm(s, clip.sampleRate());
    }
}
