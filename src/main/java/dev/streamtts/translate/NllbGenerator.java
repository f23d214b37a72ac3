package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.ParallelLoad;
import dev.streamtts.onnx.Tensors;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequence generation over an NLLB export, equal to transformers' {@code generate()}: the encoder runs
 * once per batch; the decoder starts from the decoder start token, its first generated token is forced
 * to the target language, then greedy argmax (or beam search) until {@code </s>} or the length limit.
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
            if (options.numBeams() == 1) {
                return greedy(hidden, mask, inputs.length, forcedBos, limits, options.minLength());
            }
            return BeamSearch.run(this, hidden, mask, inputs.length, forcedBos, limits, options);
        }
    }

    private long[][] greedy(OnnxTensor hidden, OnnxTensor mask, int rows, long forcedBos, int[] limits, int minLength)
            throws OrtException {
        List<List<Long>> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            out.add(new ArrayList<>(List.of(config.decoderStartTokenId())));
        }
        boolean[] done = new boolean[rows];
        long[] last = new long[rows];
        Arrays.fill(last, config.decoderStartTokenId());
        int longest = Arrays.stream(limits).max().orElse(2);
        try (DecoderState state = new DecoderState(decoder, hidden, mask, rows)) {
            for (int length = 1; length < longest; length++) {
                FloatBuffer logits = state.step(last);
                int vocab = logits.capacity() / rows;
                boolean all = true;
                for (int r = 0; r < rows; r++) {
                    long next;
                    if (done[r]) {
                        next = config.padTokenId(); // finished rows are padded, as in generate()
                    } else if (length == 1) {
                        next = forcedBos;
                    } else {
                        int eos = out.get(r).size() < minLength ? decoder.column(config.eosTokenId()) : -1; // MinLengthLogitsProcessor
                        next = decoder.tokenId(argmax(logits, r * vocab, vocab, eos));
                    }
                    if (!done[r]) {
                        out.get(r).add(next);
                        done[r] = next == config.eosTokenId() || out.get(r).size() >= limits[r];
                    }
                    last[r] = next;
                    all &= done[r];
                }
                if (all) {
                    break;
                }
            }
        }
        long[][] result = new long[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = out.get(r).stream().mapToLong(Long::longValue).toArray();
        }
        return result;
    }

    LogitBuffers logitBuffers() {
        return decoder.logitBuffers();
    }

    /** The shortlist the decoder computes, or null for the whole vocabulary. */
    Shortlist shortlist() {
        return decoder.shortlist();
    }

    /** The token id of logits column {@code column}. */
    long tokenId(int column) {
        return decoder.tokenId(column);
    }

    /** The logits column of a token id, or -1 when the shortlist leaves it out. */
    int column(long tokenId) {
        return decoder.column(tokenId);
    }

    /** New decoder state for {@code rows} rows over the given encoder output. */
    DecoderState decoderState(OnnxTensor hidden, OnnxTensor mask, int rows) throws OrtException {
        return new DecoderState(decoder, hidden, mask, rows);
    }

    /** The index of the largest value (the first one on ties, like torch.argmax), never {@code excluded}. */
    static int argmax(FloatBuffer a, int from, int n, int excluded) {
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = i == excluded ? Float.NEGATIVE_INFINITY : a.get(from + i);
            if (v > bestValue) { // first maximum wins, like torch.argmax
                bestValue = v;
                best = i;
            }
        }
        return best;
    }

    /** Repeats each row of a [rows, ...] tensor {@code times} times (encoder output for beams). */
    static OnnxTensor repeatRows(OnnxTensor t, int times) throws OrtException {
        long[] shape = t.getInfo().getShape();
        int rowSize = 1;
        for (int i = 1; i < shape.length; i++) {
            rowSize *= (int) shape[i];
        }
        long[] newShape = shape.clone();
        newShape[0] = shape[0] * times;
        if (t.getInfo().type == ai.onnxruntime.OnnxJavaType.INT64) {
            long[] src = new long[(int) shape[0] * rowSize];
            t.getLongBuffer().get(src);
            long[] dst = new long[src.length * times];
            for (int r = 0; r < shape[0]; r++) {
                for (int k = 0; k < times; k++) {
                    System.arraycopy(src, r * rowSize, dst, (r * times + k) * rowSize, rowSize);
                }
            }
            return Tensors.longs(dst, newShape);
        }
        FloatBuffer src = t.getFloatBuffer();
        float[] dst = new float[src.remaining() * times];
        float[] row = new float[rowSize];
        for (int r = 0; r < shape[0]; r++) {
            src.get(row);
            for (int k = 0; k < times; k++) {
                System.arraycopy(row, 0, dst, (r * times + k) * rowSize, rowSize);
            }
        }
        return Tensors.floats(dst, newShape);
    }

    @Override
    public void close() {
        decoder.close();
        encoder.close();
    }
}
