package dev.streamtts.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;

/**
 * What a model is typically given in a run of stream-tts, for timing it on each provider. Each model's
 * owner (the NLLB encoder and decoders, Piper, Kokoro) supplies its own: one built from the session's
 * input metadata alone would not be sound (token ids must be in the vocabulary, a decoder's cache must
 * fit the encoder's output, Kokoro's style row has its own width), and sizes should be a sentence's.
 */
@FunctionalInterface
public interface SampleInput {
    /** The inputs of one representative run of {@code session}; the caller closes them. */
    Map<String, OnnxTensor> create(OrtSession session) throws OrtException;
}
