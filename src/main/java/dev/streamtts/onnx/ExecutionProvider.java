package dev.streamtts.onnx;

/** Which ONNX Runtime execution provider a session should use. */
public enum ExecutionProvider {
    /** CoreML on Apple Silicon, CUDA where the GPU build and its libraries are present, else CPU. */
    AUTO,
    /** Apple's CoreML (macOS arm64 only). */
    COREML,
    /** NVIDIA CUDA (needs the onnxruntime_gpu jar, CUDA 12 and cuDNN 9). */
    CUDA,
    /** Always available. */
    CPU
}
