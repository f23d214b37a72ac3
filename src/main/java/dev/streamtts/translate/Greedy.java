package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding as transformers' {@code generate(num_beams=1)}: every sentence takes its best token at each
 * step, the first one forced to the target language, until {@code </s>} or its length limit.
 */
final class Greedy implements Decoding {
    private final NllbConfig config;
    private final int minLength;

    Greedy(NllbConfig config, int minLength) {
        this.config = config;
        this.minLength = minLength;
    }

    @Override
    public long[][] decode(NllbDecoder decoder, OnnxTensor hidden, OnnxTensor mask, long forcedBos, int[] limits)
            throws OrtException {
        int rows = limits.length;
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
}
