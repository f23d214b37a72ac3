package dev.streamtts.translate;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ArenaTrim;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.OnnxSessions;
import dev.streamtts.onnx.Signature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoder half of an NLLB export: either the merged decoder (one session, an {@code If} on
 * {@code use_cache_branch}) or the pair {@code decoder_model} + {@code decoder_with_past_model}.
 * Sizes come from the model's config, names follow Optimum's export.
 */
final class NllbDecoder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NllbDecoder.class);
    static final List<String> KV = List.of("key", "value");
    static final Signature SIGNATURE = new Signature(Set.of("input_ids", "encoder_hidden_states"),
            Set.of("encoder_attention_mask", "use_cache_branch"), List.of("past_key_values."), Set.of("logits"));

    private final OrtSession first;
    private final OrtSession withPast;
    private final ArenaTrim firstTrim = ArenaTrim.forSession();
    private final ArenaTrim withPastTrim = ArenaTrim.forSession();
    private final NllbConfig config;
    private final int vocab;
    /** The logits' columns are these token ids; null: the whole vocabulary, column = id. */
    private final Shortlist shortlist;

    private NllbDecoder(OrtSession first, OrtSession withPast, NllbConfig config, Shortlist shortlist) {
        this.first = first;
        this.withPast = withPast;
        this.config = config;
        this.vocab = logitsWidth(first, config);
        this.shortlist = shortlist;
    }

    static NllbDecoder open(NllbFiles files, NllbConfig config, OnnxOptions onnx, String fix) throws ModelException {
        return open(files.decoder(), files.withPastDecoder(), config, onnx, fix, null);
    }

    /**
     * The decoder with its output cut to {@code shortlist}, from the cut copies beside the files (made now
     * if missing or stale; made again once if a copy does not load).
     */
    static NllbDecoder openShortlisted(NllbFiles files, NllbConfig config, OnnxOptions onnx, String fix,
                                       Shortlist shortlist) throws ModelException {
        for (int attempt = 0; ; attempt++) {
            Path first = derive(files.decoder(), shortlist, config, attempt > 0);
            Path withPast = files.merged() ? null : derive(files.withPastDecoder(), shortlist, config, attempt > 0);
            try {
                NllbDecoder d = open(first, withPast, config, onnx, fix, shortlist);
                if (d.vocab() != shortlist.size()) {
                    d.close();
                    throw new ModelException(first + ": gives " + d.vocab() + " logits, not the " + shortlist.size()
                            + " of its shortlist; delete it to have it made again");
                }
                return d;
            } catch (ModelException e) {
                if (attempt > 0) {
                    throw e;
                }
                log.debug("{}; making it again", e.getMessage());
            }
        }
    }

    private static Path derive(Path source, Shortlist shortlist, NllbConfig config, boolean rebuild)
            throws ModelException {
        try {
            return ShortlistedDecoder.derive(source, shortlist, config.vocabSize(), rebuild);
        } catch (IOException e) {
            throw new ModelException(source + ": cannot cut its output to the " + shortlist.name() + " shortlist ("
                    + e.getMessage() + ")", e);
        }
    }

    private static NllbDecoder open(Path decoder, Path withPastDecoder, NllbConfig config, OnnxOptions onnx, String fix,
                                    Shortlist shortlist) throws ModelException {
        OrtSession first = OnnxSessions.open(decoder, onnx, "NLLB decoder", fix, SIGNATURE, NllbSamples.of(config));
        if (withPastDecoder == null) {
            return new NllbDecoder(first, null, config, shortlist);
        }
        try {
            return new NllbDecoder(first, OnnxSessions.open(withPastDecoder, onnx, "NLLB decoder (with past)", fix,
                    SIGNATURE, NllbSamples.of(config)), config, shortlist);
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

    /** Options for the next run of {@code session} (one of this decoder's). */
    OrtSession.RunOptions runOptions(OrtSession session) {
        return session == first ? firstTrim.next() : withPastTrim.next();
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

    /** The logits' width: the vocabulary size, or the shortlist's. */
    int vocab() {
        return vocab;
    }

    /** The shortlist the logits are cut to, or null. */
    Shortlist shortlist() {
        return shortlist;
    }

    /** The token id of logits column {@code column}. */
    long tokenId(int column) {
        return shortlist == null ? column : shortlist.id(column);
    }

    /** The logits column of a token id, or -1 when the shortlist leaves it out. */
    int column(long tokenId) {
        return shortlist == null ? (tokenId >= 0 && tokenId < vocab ? (int) tokenId : -1) : shortlist.column(tokenId);
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
