package dev.streamtts.tts.piper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ArenaTrim;
import dev.streamtts.onnx.NativeCalls;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.OnnxSessions;
import dev.streamtts.onnx.SampleInput;
import dev.streamtts.onnx.Signature;
import dev.streamtts.onnx.Tensors;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Piper voice's ONNX model (VITS as Piper exports it): {@code input} ids, {@code input_lengths},
 * {@code scales} = [noise_scale, length_scale, noise_w] and, for multi-speaker voices, {@code sid};
 * the output is the waveform.
 */
public final class PiperModel implements AutoCloseable {
    static final Signature SIGNATURE = new Signature(Set.of("input", "input_lengths", "scales"), Set.of("sid"),
            List.of(), Set.of());

    /** Phonemes in the representative input: a sentence of about a dozen words. */
    static final int SAMPLE_PHONEMES = 60;

    /**
     * A sentence as Piper is given it, for timing the model on each provider: {@code ^ _ p _ p … _ $}
     * (ids 1, 0 and 2 around the phonemes), the phoneme ids taken from the low ones every voice has, and
     * the default scales and speaker.
     */
    public static final SampleInput SAMPLE = session -> {
        long[] ids = new long[2 * SAMPLE_PHONEMES + 2];
        ids[0] = 1;
        for (int i = 0; i < SAMPLE_PHONEMES; i++) {
            ids[2 * i + 2] = 3 + (i * 7L) % 37;
        }
        ids[ids.length - 1] = 2;
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input", Tensors.longs(ids, 1, ids.length));
            in.put("input_lengths", Tensors.longs(new long[] {ids.length}, 1));
            in.put("scales", Tensors.floats(new float[] {0.667f, 1.0f, 0.8f}, 3));
            if (session.getInputNames().contains("sid")) {
                in.put("sid", Tensors.longs(new long[] {0}, 1));
            }
            return in;
        } catch (OrtException | RuntimeException e) {
            in.values().forEach(OnnxTensor::close);
            throw e;
        }
    };

    private final OrtSession session;
    private final ArenaTrim trim = ArenaTrim.forSession();

    private PiperModel(OrtSession session) {
        this.session = session;
    }

    public static PiperModel open(Path model, OnnxOptions onnx, String what, String fix) throws ModelException {
        return new PiperModel(OnnxSessions.open(model, onnx, what, fix, SIGNATURE, SAMPLE));
    }

    /** True when the graph takes a speaker id. */
    public boolean multiSpeaker() {
        return session.getInputNames().contains("sid");
    }

    /** One run: phoneme ids in, samples out. {@code speaker} is ignored by single-speaker graphs. */
    public float[] run(long[] phonemeIds, float[] scales, long speaker) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor input = Tensors.longs(phonemeIds, 1, phonemeIds.length);
             OnnxTensor lengths = Tensors.longs(new long[] {phonemeIds.length}, 1);
             OnnxTensor scaleTensor = Tensors.floats(scales.clone(), 3);
             OnnxTensor sid = multiSpeaker() ? Tensors.longs(new long[] {speaker}, 1) : null) {
            inputs.put("input", input);
            inputs.put("input_lengths", lengths);
            inputs.put("scales", scaleTensor);
            if (sid != null) {
                inputs.put("sid", sid);
            }
            try (OrtSession.Result result = NativeCalls.run(() -> session.run(inputs, trim.next()))) {
                FloatBuffer samples = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] out = new float[samples.remaining()];
                samples.get(out);
                return out;
            }
        }
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }
}
