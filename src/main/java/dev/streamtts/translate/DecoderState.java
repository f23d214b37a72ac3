package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamtts.onnx.NativeCalls;
import dev.streamtts.onnx.Tensors;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One generation's decoder with its key/value cache. Step 0 runs without a cache (the merged decoder's
 * no-cache branch, or {@code decoder_model.onnx}); later steps feed only the newest token with the
 * cache. The cross-attention cache is computed once at step 0 and reused to the end; the self-attention
 * cache of one step's {@link OrtSession.Result} goes straight into the next run, and that result is
 * closed only after the next run returned. Rows can be reordered between steps (beam search).
 */
final class DecoderState implements AutoCloseable {
    private final NllbDecoder decoder;
    private final OnnxTensor encoderHidden;
    private final OnnxTensor encoderMask;
    private final int rows;

    /** Holds the step-0 outputs, among them the cross-attention cache used by every later step. */
    private OrtSession.Result first;
    /** The newest step's outputs (the self-attention cache fed to the next step), unless it is {@link #first}. */
    private OrtSession.Result latest;
    /** Self-attention cache re-ordered by {@link #reorder}: owned here, closed when replaced. */
    private Map<String, OnnxTensor> reordered;
    private int step;
    /**
     * The logits are written here by ONNX Runtime (pinned output) and read in place: no copies. The
     * decoder's reusable buffer ({@link LogitBuffers}), exactly rows × vocab from 0; handed back at close.
     */
    private final FloatBuffer logits;
    private final OnnxTensor logitsTensor;

    DecoderState(NllbDecoder decoder, OnnxTensor encoderHidden, OnnxTensor encoderMask, int rows) throws OrtException {
        this.decoder = decoder;
        this.encoderHidden = encoderHidden;
        this.encoderMask = encoderMask;
        this.rows = rows;
        int vocab = decoder.vocab();
        this.logits = decoder.logitBuffers().take(rows * vocab);
        try {
            this.logitsTensor = Tensors.floats(logits, rows, 1, vocab);
        } catch (OrtException | RuntimeException e) {
            decoder.logitBuffers().giveBack(logits);
            throw e;
        }
    }

    /**
     * Runs one decoder step for the last token of every row.
     *
     * @return the logits, {@code rows × vocab}, row-major; valid until the next step
     */
    FloatBuffer step(long[] lastTokens) throws OrtException {
        if (Thread.currentThread().isInterrupted()) { // stopping: don't start another step
            throw new OrtException("translation interrupted");
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor ids = Tensors.longs(lastTokens, rows, 1);
             OnnxTensor useCache = decoder.merged() ? Tensors.bool(step > 0) : null;
             EmptyCache empty = step == 0 && decoder.merged() ? new EmptyCache(decoder, rows) : null) {
            OrtSession session = step == 0 ? decoder.firstStepSession() : decoder.cachedStepSession();
            Set<String> wanted = session.getInputNames();
            put(inputs, wanted, "input_ids", ids);
            put(inputs, wanted, "encoder_attention_mask", encoderMask);
            put(inputs, wanted, "encoder_hidden_states", encoderHidden);
            if (useCache != null) {
                inputs.put("use_cache_branch", useCache);
            }
            if (empty != null) {
                inputs.putAll(empty.tensors());
            } else if (step > 0) {
                for (int layer = 0; layer < decoder.layers(); layer++) {
                    for (String kv : NllbDecoder.KV) {
                        inputs.put(NllbDecoder.past(layer, "decoder", kv), selfCache(layer, kv));
                        inputs.put(NllbDecoder.past(layer, "encoder", kv), crossCache(layer, kv));
                    }
                }
            }
            OrtSession.Result result = NativeCalls.run(() -> session.run(inputs, outputsFor(session),
                    Map.of("logits", logitsTensor), decoder.runOptions(session)));
            advance(result);
            return logits.duplicate().rewind();
        }
    }

    /** Makes row {@code i} continue what row {@code sources[i]} was (beam search re-ranking). */
    void reorder(int[] sources) throws OrtException {
        boolean identity = true;
        for (int i = 0; i < sources.length; i++) {
            identity &= sources[i] == i;
        }
        if (identity || step == 0) {
            return;
        }
        Map<String, OnnxTensor> next = new HashMap<>();
        try {
            for (int layer = 0; layer < decoder.layers(); layer++) {
                for (String kv : NllbDecoder.KV) {
                    OnnxTensor cache = selfCache(layer, kv);
                    next.put(NllbDecoder.past(layer, "decoder", kv), gatherRows(cache, sources));
                }
            }
        } catch (OrtException | RuntimeException e) {
            next.values().forEach(OnnxTensor::close);
            throw e;
        }
        closeReordered();
        reordered = next;
    }

    private static OnnxTensor gatherRows(OnnxTensor cache, int[] sources) throws OrtException {
        long[] shape = cache.getInfo().getShape();
        int rowSize = Math.toIntExact(shape[1] * shape[2] * shape[3]);
        FloatBuffer src = cache.getFloatBuffer();
        float[] out = new float[rowSize * sources.length];
        for (int i = 0; i < sources.length; i++) {
            src.position(sources[i] * rowSize);
            src.get(out, i * rowSize, rowSize);
        }
        return Tensors.floats(out, shape);
    }

    private OnnxTensor selfCache(int layer, String kv) {
        String name = NllbDecoder.past(layer, "decoder", kv);
        if (reordered != null) {
            return reordered.get(name);
        }
        return (OnnxTensor) latestOutput(NllbDecoder.present(layer, "decoder", kv));
    }

    private OnnxTensor crossCache(int layer, String kv) {
        return (OnnxTensor) first.get(NllbDecoder.present(layer, "encoder", kv)).orElseThrow();
    }

    private OnnxValue latestOutput(String name) {
        OrtSession.Result r = latest != null ? latest : first;
        return r.get(name).orElseThrow(() -> new IllegalStateException("decoder gave no " + name));
    }

    /** Outputs to fetch: later steps skip the merged decoder's empty cross-attention placeholders. */
    private Set<String> outputsFor(OrtSession session) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : session.getOutputNames()) {
            if ((step == 0 || !name.contains(".encoder.")) && !name.equals("logits")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The new result now holds the self-attention cache; the one before it can go. */
    private void advance(OrtSession.Result result) {
        if (step == 0) {
            first = result;
        } else {
            if (latest != null) {
                latest.close();
            }
            latest = result;
        }
        closeReordered();
        step++;
    }

    private void closeReordered() {
        if (reordered != null) {
            reordered.values().forEach(OnnxTensor::close);
            reordered = null;
        }
    }

    private static void put(Map<String, OnnxTensor> inputs, Set<String> wanted, String name, OnnxTensor value) {
        if (wanted.contains(name)) { // the with-past export may not take encoder_hidden_states
            inputs.put(name, value);
        }
    }

    @Override
    public void close() {
        logitsTensor.close();
        decoder.logitBuffers().giveBack(logits);
        closeReordered();
        if (latest != null) {
            latest.close();
            latest = null;
        }
        if (first != null) {
            first.close();
            first = null;
        }
    }

    /** Zero-length caches for the merged decoder's first step, which takes but ignores them. */
    private static final class EmptyCache implements AutoCloseable {
        private final Map<String, OnnxTensor> tensors = new HashMap<>();

        EmptyCache(NllbDecoder decoder, int rows) throws OrtException {
            try {
                for (int layer = 0; layer < decoder.layers(); layer++) {
                    for (String side : new String[] {"decoder", "encoder"}) {
                        for (String kv : NllbDecoder.KV) {
                            tensors.put(NllbDecoder.past(layer, side, kv),
                                    Tensors.emptyFloats(rows, decoder.heads(), 0, decoder.headDim()));
                        }
                    }
                }
            } catch (OrtException | RuntimeException e) {
                close();
                throw e;
            }
        }

        Map<String, OnnxTensor> tensors() {
            return tensors;
        }

        @Override
        public void close() {
            tensors.values().forEach(OnnxTensor::close);
        }
    }
}
