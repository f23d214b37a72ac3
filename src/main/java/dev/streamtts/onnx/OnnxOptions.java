package dev.streamtts.onnx;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings shared by every model session (translator and voices).
 *
 * @param provider        which execution provider to try first
 * @param intraOpThreads  threads per session; 0 lets ONNX Runtime choose (one per physical core)
 * @param coremlCacheDir  where CoreML keeps compiled models between runs (null: no cache)
 */
public record OnnxOptions(ExecutionProvider provider, int intraOpThreads, Path coremlCacheDir) {
    public OnnxOptions {
        Objects.requireNonNull(provider, "provider");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0: " + intraOpThreads);
        }
    }

    /** The same settings with another thread count. */
    public OnnxOptions withThreads(int threads) {
        return new OnnxOptions(provider, threads, coremlCacheDir);
    }

    public static OnnxOptions cpu(int threads) {
        return new OnnxOptions(ExecutionProvider.CPU, threads, null);
    }
}
