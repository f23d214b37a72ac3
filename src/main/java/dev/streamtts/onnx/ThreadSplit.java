package dev.streamtts.onnx;

/**
 * Threads for the two models that run at the same time: sentence n+1 is translated while sentence n is
 * synthesized. Given all cores each, their spinning thread pools fight over them: on a 16-core host
 * (full-size NLLB int8 + Kokoro, docs/PERFORMANCE.md, "Threads") 8 + 8 closed and synthesized a sentence
 * 2.6x sooner than 16 + 16 (p50 1.04 s against 2.67 s), and 2 + 2 on four cores 1.8x sooner than 4 + 4;
 * 12 + 4 and 3 + 1 were in between. So by default each gets half.
 *
 * @param translator threads for the translator's sessions
 * @param voice      threads for the voice's session; 0 lets ONNX Runtime choose (one per physical core)
 */
public record ThreadSplit(int translator, int voice) {

    /**
     * @param configured  {@code onnx.threads}: 0 for the default split, otherwise each model's count
     * @param translating whether a translator runs beside the voice
     * @param cpus        the CPUs this process may use
     */
    public static ThreadSplit of(int configured, boolean translating, int cpus) {
        if (configured > 0) {
            return new ThreadSplit(configured, configured);
        }
        if (!translating) {
            return new ThreadSplit(0, 0);
        }
        int half = Math.max(1, cpus / 2);
        return new ThreadSplit(half, Math.max(1, cpus - half));
    }
}
