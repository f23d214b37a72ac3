package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ArenaTrim;
import dev.streamtts.onnx.NativeCalls;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.OnnxSessions;
import dev.streamtts.onnx.Signature;
import dev.streamtts.onnx.Tensors;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The encoder of an NLLB export: token ids (right-padded) in, hidden states out, once per batch. */
final class NllbEncoder implements AutoCloseable {
    static final Signature SIGNATURE = new Signature(Set.of("input_ids", "attention_mask"), Set.of(), List.of(),
            Set.of("last_hidden_state"));

    private final OrtSession session;
    private final ArenaTrim trim = ArenaTrim.forSession();

    private NllbEncoder(OrtSession session) {
        this.session = session;
    }

    static NllbEncoder open(NllbFiles files, NllbConfig config, OnnxOptions onnx, String fix) throws ModelException {
        return new NllbEncoder(OnnxSessions.open(files.encoder(), onnx, "NLLB encoder", fix, SIGNATURE,
                NllbSamples.of(config)));
    }

    /**
     * Encodes a padded batch. The caller owns the returned result (its {@code last_hidden_state} is
     * fed to every decoder step) and closes it after generation.
     */
    OrtSession.Result encode(OnnxTensor inputIds, OnnxTensor attentionMask) throws OrtException {
        return NativeCalls.run(() -> session.run(Map.of("input_ids", inputIds, "attention_mask", attentionMask),
                trim.next()));
    }

    /** A padded batch: ids (pad on the right) and the mask marking real tokens. */
    static long[][][] pad(long[][] sequences, long padId) {
        int width = 0;
        for (long[] s : sequences) {
            width = Math.max(width, s.length);
        }
        long[][] ids = new long[sequences.length][width];
        long[][] mask = new long[sequences.length][width];
        for (int r = 0; r < sequences.length; r++) {
            java.util.Arrays.fill(ids[r], padId);
            System.arraycopy(sequences[r], 0, ids[r], 0, sequences[r].length);
            java.util.Arrays.fill(mask[r], 0, sequences[r].length, 1L);
        }
        return new long[][][] {ids, mask};
    }

    static OnnxTensor[] tensors(long[][] sequences, long padId) throws OrtException {
        long[][][] padded = pad(sequences, padId);
        OnnxTensor ids = Tensors.longs(padded[0]);
        try {
            return new OnnxTensor[] {ids, Tensors.longs(padded[1])};
        } catch (OrtException | RuntimeException e) {
            ids.close();
            throw e;
        }
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }
}
