package dev.streamtts.onnx;

/** Which ONNX Runtime execution provider a session should use. */
public enum ExecutionProvider {
    /**
     * On Apple Silicon, CoreML or the CPU for each model, from evidence (see {@link AutoProvider}); CUDA
     * where the GPU build and its libraries are present; else the CPU.
     */
    AUTO("auto"),
    /** Apple's CoreML (macOS arm64 only). */
    COREML("CoreML"),
    /** NVIDIA CUDA (needs the onnxruntime_gpu jar, CUDA 12 and cuDNN 9). */
    CUDA("CUDA"),
    /** Always available. */
    CPU("CPU");

    private final String label;

    ExecutionProvider(String label) {
        this.label = label;
    }

    /** The provider's name as people write it ("CoreML"), for messages. */
    public String label() {
        return label;
    }
}
