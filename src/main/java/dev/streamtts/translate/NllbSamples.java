package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamtts.onnx.SampleInput;
import dev.streamtts.onnx.Tensors;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Representative inputs of the NLLB files, for timing them on each provider: one sentence of
 * {@value #SOURCE_TOKENS} tokens, greedy decoding (one row, as translate.num_beams: 1 has it), and for
 * the decoder with past a step in the middle of a translation ({@value #PAST_TOKENS} tokens so far).
 * Zeros stand for the hidden states and caches: the graphs' cost does not depend on their values.
 */
final class NllbSamples {
    static final int SOURCE_TOKENS = 24;
    static final int PAST_TOKENS = 12;

    private NllbSamples() {
    }

    /** For whichever NLLB file the session is: it fills the inputs the session takes. */
    static SampleInput of(NllbConfig config) {
        return session -> inputs(session, config);
    }

    private static Map<String, OnnxTensor> inputs(OrtSession session, NllbConfig config) throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        boolean encoder = session.getInputNames().contains("attention_mask");
        boolean withPast = session.getInputNames().stream().anyMatch(n -> n.startsWith("past_key_values."));
        try {
            for (String name : session.getInputNames()) {
                in.put(name, tensor(name, encoder, withPast, config));
            }
            return in;
        } catch (OrtException | RuntimeException e) {
            in.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private static OnnxTensor tensor(String name, boolean encoder, boolean withPast, NllbConfig config)
            throws OrtException {
        int heads = config.decoderHeads();
        int headDim = config.headDim();
        return switch (name) {
            case "input_ids" -> encoder ? Tensors.longs(tokens(SOURCE_TOKENS, config), 1, SOURCE_TOKENS)
                    : Tensors.longs(new long[] {config.decoderStartTokenId()}, 1, 1);
            case "attention_mask", "encoder_attention_mask" -> Tensors.longs(ones(SOURCE_TOKENS), 1, SOURCE_TOKENS);
            case "encoder_hidden_states" -> Tensors.floats(new float[SOURCE_TOKENS * config.dModel()], 1,
                    SOURCE_TOKENS, config.dModel());
            case "use_cache_branch" -> Tensors.bool(withPast);
            default -> {
                if (!name.startsWith("past_key_values.")) {
                    throw new OrtException("no representative value for NLLB input '" + name + "'");
                }
                int length = name.contains(".encoder.") ? SOURCE_TOKENS : PAST_TOKENS;
                yield Tensors.floats(new float[heads * length * headDim], 1, heads, length, headDim);
            }
        };
    }

    /** Ordinary token ids (past the special ones), ending with the end-of-sentence id as real inputs do. */
    private static long[] tokens(int n, NllbConfig config) {
        long[] ids = new long[n];
        int ordinary = Math.max(1, Math.min(config.vocabSize(), 1000) - 4);
        for (int i = 0; i < n - 1; i++) {
            ids[i] = 4 + (i * 37L) % ordinary;
        }
        ids[n - 1] = config.eosTokenId();
        return ids;
    }

    private static long[] ones(int n) {
        long[] ones = new long[n];
        Arrays.fill(ones, 1L);
        return ones;
    }
}
