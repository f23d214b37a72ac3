package dev.streamtts.onnx;

import java.nio.file.Path;

/**
 * A model file a run opens, what it is, and what a run typically feeds it: what 'doctor' and the bench
 * go through, one per file (an NLLB translator is two or three).
 *
 * @param what   for messages ("NLLB encoder")
 * @param sample its representative input, for timing it on each provider
 */
public record ModelUse(String what, Path file, SampleInput sample) {
}
