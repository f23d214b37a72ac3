package dev.streamtts.audio;

import java.util.List;
import org.junit.jupiter.api.Assertions;

/** Measures on raw samples that tests of joined speech share. */
public final class Samples {
    private Samples() {
    }

    /**
     * The same samples, bit for bit; on failure, the first index that differs. AssertJ's containsExactly
     * says more, but takes seconds on the 100,000 samples of a few sentences.
     */
    public static void assertSameSamples(float[] actual, float[] expected) {
        Assertions.assertArrayEquals(expected, actual);
    }

    public static float[] concat(float[]... parts) {
        return concat(List.of(parts));
    }

    public static float[] concat(List<float[]> parts) {
        return Pcm.concat(parts, 16_000).samples(); // the rate does not matter here
    }

    /** The largest step from one sample to the next. */
    public static float maxJump(float[] s) {
        float max = 0;
        for (int i = 1; i < s.length; i++) {
            max = Math.max(max, Math.abs(s[i] - s[i - 1]));
        }
        return max;
    }

    /** The longest run of samples under {@code level}, in samples. */
    public static int longestQuiet(float[] s, float level) {
        int longest = 0;
        int run = 0;
        for (float x : s) {
            run = Math.abs(x) < level ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
