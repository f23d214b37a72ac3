package dev.streamtts.translate;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.OnnxSessions;
import dev.streamtts.onnx.Signature;
import java.util.List;
import java.util.Set;

/**
 * The decoder half of an NLLB export: either the merged decoder (one session, an {@code If} on
 * {@code use_cache_branch}) or the pair {@code decoder_model} + {@code decoder_with_past_model}.
 * Sizes come from the model's config, names follow Optimum's export.
 */
final class NllbDecoder implements AutoCloseable {
    static final List<String> KV = List.of("key", "value");
    static final Signature SIGNATURE = new Signature(Set.of("input_ids", "encoder_hidden_states"),
            Set.of("encoder_attention_mask", "use_cache_branch"), List.of("past_key_values."), Set.of("logits"));

    private final OrtSession first;
    private final OrtSession withPast;
    private final NllbConfig config;
    private final int vocab;

    private NllbDecoder(OrtSession first, OrtSession withPast, NllbConfig config) {
        this.first = first;
        this.withPast = withPast;
        this.config = config;
        this.vocab = logitsWidth(first, config);
    }

    static NllbDecoder open(NllbFiles files, NllbConfig config, OnnxOptions onnx, String fix) throws ModelException {
        OrtSession first = OnnxSessions.open(files.decoder(), onnx, "NLLB decoder", fix, SIGNATURE,
                NllbSamples.of(config));
        if (files.merged()) {
            return new NllbDecoder(first, null, config);
        }
        try {
            return new NllbDecoder(first, OnnxSessions.open(files.withPastDecoder(), onnx, "NLLB decoder (with past)", fix,
                    SIGNATURE, NllbSamples.of(config)), config);
        } catch (ModelException e) {
            OnnxSessions.close(first);
            throw e;
        }
    }

    boolean merged() {
        return withPast == null;
    }

    OrtSession firstStepSession() {
        return first;
    }

    OrtSession cachedStepSession() {
        return withPast != null ? withPast : first;
    }

    int layers() {
        return config.decoderLayers();
    }

    int heads() {
        return config.decoderHeads();
    }

    private final LogitBuffers logitBuffers = new LogitBuffers();

    /** The logits buffers reused from sentence to sentence. */
    LogitBuffers logitBuffers() {
        return logitBuffers;
    }

    int vocab() {
        return vocab;
    }

    /** Width of the logits: the model's declared output size, else the config's vocab_size. */
    private static int logitsWidth(OrtSession first, NllbConfig config) {
        try {
            NodeInfo logits = first.getOutputInfo().get("logits");
            if (logits != null && logits.getInfo() instanceof TensorInfo t && t.getShape().length == 3
                    && t.getShape()[2] > 0) {
                return Math.toIntExact(t.getShape()[2]);
            }
        } catch (OrtException e) {
            // no metadata: the config says it
        }
        return config.vocabSize();
    }

    int headDim() {
        return config.headDim();
    }

    static String past(int layer, String side, String kv) {
        return "past_key_values." + layer + "." + side + "." + kv;
    }

    static String present(int layer, String side, String kv) {
        return "present." + layer + "." + side + "." + kv;
    }

    @Override
    public void close() {
        OnnxSessions.close(first);
        if (withPast != null) {
            OnnxSessions.close(withPast);
        }
    }

}
