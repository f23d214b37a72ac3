package dev.streamtts.translate;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.streamtts.onnx.Tensors;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search as transformers' {@code generate(num_beams=k)} does it (length_penalty, early_stopping=False):
 * <ol>
 * <li>every running beam's log-softmax scores are added to its score; the best {@code 2k} (beam, token)
 *     continuations of each sentence are taken, best first;</li>
 * <li>a continuation that ends (the end token, or the length limit reached) cannot run on; if it ranks among
 *     the first {@code k}, it is a finished hypothesis scored {@code sum / generated_length^penalty}, the end
 *     token counted; the sentence keeps its best {@code k} finished hypotheses;</li>
 * <li>the best {@code k} continuations that did not end are the next running beams;</li>
 * <li>a sentence stops when all {@code k} finished slots are filled and its best running beam, divided by the
 *     current length, can no longer beat the worst of them; the search stops when every sentence stopped or
 *     every continuation ended.</li>
 * </ol>
 * The result of a sentence is its best finished hypothesis.
 */
final class BeamSearch implements Decoding {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;
    private static final float DEAD = -1.0e9f;

    private final NllbConfig config;
    private final int k;
    private final double lengthPenalty;
    private final int minLength;

    BeamSearch(NllbConfig config, int k, double lengthPenalty, int minLength) {
        this.config = config;
        this.k = k;
        this.lengthPenalty = lengthPenalty;
        this.minLength = minLength;
    }

    @Override
    public long[][] decode(NllbDecoder decoder, OnnxTensor hidden, OnnxTensor mask, long forcedBos, int[] limits)
            throws OrtException {
        int batch = limits.length;
        int rows = batch * k;
        long[][] running = new long[rows][];
        float[] runningScores = new float[rows];
        for (int r = 0; r < rows; r++) {
            running[r] = new long[] {config.decoderStartTokenId()};
            runningScores[r] = r % k == 0 ? 0f : DEAD; // only the first beam is live at the start
        }
        Finished[] finished = new Finished[batch];
        boolean[] improvable = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            finished[b] = new Finished(k);
            improvable[b] = true;
        }
        try (OnnxTensor beamHidden = repeatRows(hidden, k);
             OnnxTensor beamMask = repeatRows(mask, k);
             DecoderState state = new DecoderState(decoder, beamHidden, beamMask, rows)) {
            int curLen = 1;
            while (true) {
                long[] last = new long[rows];
                for (int r = 0; r < rows; r++) {
                    last[r] = running[r][running[r].length - 1];
                }
                FloatBuffer logits = state.step(last);
                int vocab = logits.capacity() / rows;
                int[] sources = new int[rows];
                long[][] nextRunning = new long[rows][];
                float[] nextScores = new float[rows];
                boolean everyContinuationEnded = true;
                for (int b = 0; b < batch; b++) {
                    List<Candidate> candidates = topCandidates(decoder, logits, vocab, b, runningScores, curLen, forcedBos);
                    boolean atLimit = curLen + 1 >= limits[b];
                    for (Candidate c : candidates) {
                        c.ends = atLimit || c.token == config.eosTokenId();
                        everyContinuationEnded &= c.ends;
                    }
                    // Next running beams: the best continuations that did not end.
                    List<Candidate> byRunningScore = new ArrayList<>(candidates);
                    byRunningScore.sort(Comparator.comparingDouble((Candidate c) -> -(c.ends ? c.score + DEAD : c.score)));
                    for (int i = 0; i < k; i++) {
                        Candidate c = byRunningScore.get(i);
                        int from = b * k + c.beam;
                        int r = b * k + i;
                        sources[r] = from;
                        nextRunning[r] = append(running[from], c.token);
                        nextScores[r] = c.ends ? c.score + DEAD : c.score;
                    }
                    // Finished hypotheses: ended continuations among the first k.
                    if (improvable[b]) {
                        for (int rank = 0; rank < k && rank < candidates.size(); rank++) {
                            Candidate c = candidates.get(rank);
                            if (c.ends) {
                                double score = c.score / Math.pow(curLen + 1 - 1, lengthPenalty);
                                finished[b].offer(append(running[b * k + c.beam], c.token), score);
                            }
                        }
                    }
                }
                state.reorder(sources);
                running = nextRunning;
                runningScores = nextScores;
                curLen++;
                boolean any = false;
                for (int b = 0; b < batch; b++) {
                    improvable[b] = improvable[b] && (!finished[b].full()
                            || runningScores[b * k] / Math.pow(curLen - 1, lengthPenalty) > finished[b].worst());
                    any |= improvable[b];
                }
                if (!any || everyContinuationEnded) {
                    break;
                }
            }
        }
        long[][] out = new long[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = finished[b].best();
        }
        return out;
    }

    /**
     * The 2k best (beam, token) continuations of one sentence, best first. With a shortlist, the columns
     * are its tokens and the log-softmax is over them only.
     */
    private List<Candidate> topCandidates(NllbDecoder decoder, FloatBuffer logits, int vocab, int b, float[] scores,
                                          int curLen, long forcedBos) {
        List<Candidate> top = new ArrayList<>();
        int keep = 2 * k;
        int eos = decoder.column(config.eosTokenId());
        int forced = decoder.column(forcedBos);
        if (forced < 0) {
            throw new IllegalStateException("the target language token " + forcedBos + " is not in the shortlist");
        }
        for (int i = 0; i < k; i++) {
            int r = b * k + i;
            float[] logProbs = logSoftmax(logits, r * vocab, vocab);
            if (curLen < minLength && eos >= 0) { // transformers' MinLengthLogitsProcessor
                logProbs[eos] = NEG_INF;
            }
            if (curLen == 1) { // transformers' ForcedBOSTokenLogitsProcessor, applied to log-probabilities
                Arrays.fill(logProbs, NEG_INF);
                logProbs[forced] = 0f;
            }
            for (int t = 0; t < vocab; t++) {
                float s = logProbs[t] + scores[r];
                if (top.size() < keep || s > top.get(top.size() - 1).score) {
                    insert(top, new Candidate(i, (int) decoder.tokenId(t), s), keep);
                }
            }
        }
        return top;
    }

    private static void insert(List<Candidate> top, Candidate c, int keep) {
        int at = top.size();
        while (at > 0 && top.get(at - 1).score < c.score) {
            at--;
        }
        top.add(at, c);
        if (top.size() > keep) {
            top.remove(top.size() - 1);
        }
    }

    /** Log-softmax in float, the sum accumulated in double. */
    static float[] logSoftmax(FloatBuffer logits, int from, int n) {
        float[] out = new float[n];
        logits.get(from, out, 0, n);
        float max = NEG_INF;
        for (float v : out) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : out) {
            sum += Math.exp(v - max);
        }
        float logSum = (float) Math.log(sum);
        for (int i = 0; i < n; i++) {
            out[i] = out[i] - max - logSum;
        }
        return out;
    }

    /** Repeats each row of a [rows, ...] tensor {@code times} times (encoder output for beams). */
    private static OnnxTensor repeatRows(OnnxTensor t, int times) throws OrtException {
        long[] shape = t.getInfo().getShape();
        int rowSize = 1;
        for (int i = 1; i < shape.length; i++) {
            rowSize *= (int) shape[i];
        }
        long[] newShape = shape.clone();
        newShape[0] = shape[0] * times;
        if (t.getInfo().type == OnnxJavaType.INT64) {
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

    private static long[] append(long[] a, long v) {
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    /** A continuation: which beam it extends, with which token, its summed log-probability. */
    private static final class Candidate {
        final int beam;
        final int token;
        final float score;
        boolean ends;

        Candidate(int beam, int token, float score) {
            this.beam = beam;
            this.token = token;
            this.score = score;
        }
    }

    /** One sentence's best k finished hypotheses (slots start empty, scored -1e9 as in transformers). */
    private static final class Finished {
        private final List<long[]> sequences = new ArrayList<>();
        private final List<Double> scores = new ArrayList<>();
        private final int k;

        Finished(int k) {
            this.k = k;
        }

        void offer(long[] sequence, double score) {
            int at = 0;
            while (at < scores.size() && scores.get(at) >= score) {
                at++;
            }
            if (at >= k) {
                return;
            }
            sequences.add(at, sequence);
            scores.add(at, score);
            if (scores.size() > k) {
                sequences.remove(k);
                scores.remove(k);
            }
        }

        boolean full() {
            return scores.size() == k;
        }

        double worst() {
            return scores.isEmpty() ? DEAD : scores.get(scores.size() - 1);
        }

        long[] best() {
            return sequences.get(0);
        }
    }
}
