package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.ParallelLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequence generation over an NLLB export, equal to transformers' {@code generate()}: the encoder runs
 * once per batch, then {@link Greedy} or {@link BeamSearch} decodes, as the options ask.
 */
final class NllbGenerator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NllbGenerator.class);
    private final NllbConfig config;
    private final NllbEncoder encoder;
    private final NllbDecoder decoder;

    private NllbGenerator(NllbConfig config, NllbEncoder encoder, NllbDecoder decoder) {
        this.config = config;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    static NllbGenerator open(NllbFiles files, NllbConfig config, OnnxOptions onnx, String fix) throws ModelException {
        return open(files, config, onnx, fix, null, false);
    }

    /**
     * Opens the encoder and the decoder at the same time.
     *
     * @param shortlist the output tokens to compute (null: all)
     * @param fallBack  when the decoder cannot be cut to the shortlist: use the full one (with a warning)
     *                  instead of failing
     */
    static NllbGenerator open(NllbFiles files, NllbConfig config, OnnxOptions onnx, String fix, Shortlist shortlist,
                              boolean fallBack) throws ModelException {
        ParallelLoad.Pair<NllbEncoder, NllbDecoder> both = ParallelLoad.<NllbEncoder, NllbDecoder, ModelException,
                ModelException>both(() -> NllbEncoder.open(files, config, onnx, fix),
                        () -> openDecoder(files, config, onnx, fix, shortlist, fallBack));
        return new NllbGenerator(config, both.first(), both.second());
    }

    private static NllbDecoder openDecoder(NllbFiles files, NllbConfig config, OnnxOptions onnx, String fix,
                                           Shortlist shortlist, boolean fallBack) throws ModelException {
        if (shortlist == null) {
            return NllbDecoder.open(files, config, onnx, fix);
        }
        try {
            return NllbDecoder.openShortlisted(files, config, onnx, fix, shortlist);
        } catch (ModelException e) {
            if (!fallBack) {
                throw e;
            }
            log.warn("{}; translating with the full vocabulary (translate.shortlist: off hides this)", e.getMessage());
            return NllbDecoder.open(files, config, onnx, fix);
        }
    }

    NllbConfig config() {
        return config;
    }

    /**
     * Generates one output per input sequence.
     *
     * @param inputs    encoder inputs ({@code [src_lang] tokens </s>}), any lengths
     * @param forcedBos the target language's token id
     * @return per input the generated ids, starting with the decoder start token (as generate() returns them)
     */
    long[][] generate(long[][] inputs, long forcedBos, GenerationOptions options) throws OrtException {
        OnnxTensor[] batch = NllbEncoder.tensors(inputs, config.padTokenId());
        try (OnnxTensor ids = batch[0]; OnnxTensor mask = batch[1];
             OrtSession.Result encoded = encoder.encode(ids, mask)) {
            OnnxTensor hidden = (OnnxTensor) encoded.get("last_hidden_state").orElseThrow();
            int[] limits = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                limits[i] = options.limitFor(inputs[i].length);
            }
            return decoding(options).decode(decoder, hidden, mask, forcedBos, limits);
        }
    }

    private Decoding decoding(GenerationOptions options) {
        if (options.numBeams() == 1) {
            return new Greedy(config, options.minLength());
        }
        return new BeamSearch(config, options.numBeams(), options.lengthPenalty(), options.minLength());
    }

    LogitBuffers logitBuffers() {
        return decoder.logitBuffers();
    }

    /** The shortlist the decoder computes, or null for the whole vocabulary. */
    Shortlist shortlist() {
        return decoder.shortlist();
    }

    @Override
    public void close() {
        decoder.close();
        encoder.close();
    }
}
