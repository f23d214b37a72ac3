package dev.streamtts.audio;

/**
 * Short linear fades at both ends of a clip. A clip that starts or stops on a non-zero sample is a step,
 * and a step is heard as a click; a few milliseconds of ramp remove it without being audible.
 */
final class Fades {
    private Fades() {
    }

    public static Pcm apply(Pcm clip, double millis) {
        float[] s = clip.samples();
        int n = length(s.length, clip.sampleRate(), millis);
        in(s, n);
        out(s, n);
        return new Pcm(s, clip.sampleRate());
    }

    /** Samples a fade of {@code millis} takes, at most half the clip (the two fades never overlap). */
    static int length(int samples, int sampleRate, double millis) {
        return Math.min((int) Math.round(millis / 1000.0 * sampleRate), samples / 2);
    }

    /** Fades in the first {@code n} samples, in place. */
    static void in(float[] s, int n) {
        for (int i = 0; i < n; i++) {
            s[i] *= i / (float) n;
        }
    }

    /** Fades out the last {@code n} samples, in place. */
    static void out(float[] s, int n) {
        for (int i = 0; i < n; i++) {
            s[s.length - 1 - i] *= i / (float) n;
        }
    }
}
