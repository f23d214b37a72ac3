package dev.streamtts.tts.kokoro;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ArenaTrim;
import dev.streamtts.onnx.NativeCalls;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.OnnxSessions;
import dev.streamtts.onnx.SampleInput;
import dev.streamtts.onnx.Tensors;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Kokoro-82M ONNX export. The published exports differ in names ({@code tokens} or {@code input_ids};
 * {@code audio [T]} or {@code waveform [1, T]}) and in the speed's type (float32, or int32 in some), so
 * they are read from the session rather than assumed.
 */
public final class KokoroModel implements AutoCloseable {
    public static final int SAMPLE_RATE = 24_000;
    /** Phonemes per run: the text encoder has 512 positions, two of them for the padding. */
    public static final int MAX_PHONEMES = 510;

    /** Phonemes in the representative input: a sentence of about a dozen words. */
    static final int SAMPLE_PHONEMES = 100;
    /** Kokoro-82M's style rows (voices.bin: 510 × 256 per voice). */
    private static final int STYLE_WIDTH = 256;

    /**
     * A sentence as Kokoro is given it, for timing the model on each provider: padded ids from the
     * vocabulary's phoneme range, a style row of the width the model takes, speed 1.
     */
    public static final SampleInput SAMPLE = session -> {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        String tokens = inputs.containsKey("tokens") ? "tokens" : "input_ids";
        long[] ids = new long[SAMPLE_PHONEMES + 2];
        for (int i = 1; i <= SAMPLE_PHONEMES; i++) {
            ids[i] = 16 + (i * 13L) % 40;
        }
        long[] styleShape = inputs.containsKey("style") ? ((TensorInfo) inputs.get("style").getInfo()).getShape()
                : new long[] {1, STYLE_WIDTH};
        int width = styleShape.length == 2 && styleShape[1] > 0 ? (int) styleShape[1] : STYLE_WIDTH;
        OnnxJavaType speedType = inputs.containsKey("speed") ? ((TensorInfo) inputs.get("speed").getInfo()).type
                : OnnxJavaType.FLOAT;
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put(tokens, Tensors.longs(ids, 1, ids.length));
            float[] style = new float[width];
            Arrays.fill(style, 0.1f);
            in.put("style", Tensors.floats(style, 1, width));
            in.put("speed", speedTensor(speedType, 1.0f));
            return in;
        } catch (OrtException | RuntimeException e) {
            in.values().forEach(OnnxTensor::close);
            throw e;
        }
    };

    private final OrtSession session;
    private final ArenaTrim trim = ArenaTrim.forSession();
    private final String tokensInput;
    private final OnnxJavaType speedType;
    private final String audioOutput;

    private KokoroModel(OrtSession session, String tokensInput, OnnxJavaType speedType, String audioOutput) {
        this.session = session;
        this.tokensInput = tokensInput;
        this.speedType = speedType;
        this.audioOutput = audioOutput;
    }

    public static KokoroModel open(Path model, OnnxOptions onnx) throws ModelException {
        String fix = "download it again (stream-tts models download kokoro-82m)";
        OrtSession session = OnnxSessions.open(model, onnx, "Kokoro model", fix, null, SAMPLE);
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            String tokens = inputs.containsKey("tokens") ? "tokens" : inputs.containsKey("input_ids") ? "input_ids" : null;
            if (tokens == null || !inputs.containsKey("style") || !inputs.containsKey("speed")) {
                throw new ModelException(model + ": not a Kokoro model (inputs " + inputs.keySet()
                        + "; expected tokens or input_ids, style, speed)");
            }
            OnnxJavaType speed = ((TensorInfo) inputs.get("speed").getInfo()).type;
            Set<String> outputs = session.getOutputNames();
            String audio = outputs.contains("audio") ? "audio" : outputs.contains("waveform") ? "waveform"
                    : outputs.iterator().next();
            return new KokoroModel(session, tokens, speed, audio);
        } catch (OrtException | RuntimeException e) {
            OnnxSessions.close(session);
            throw new ModelException(model + ": cannot read the model's inputs (" + e.getMessage() + ")", e);
        } catch (ModelException e) {
            OnnxSessions.close(session);
            throw e;
        }
    }

    /** One run: phoneme ids (without padding), the style row for their count, and the speed. */
    public float[] run(long[] phonemeIds, float[] style, float speed) throws OrtException {
        long[] padded = new long[phonemeIds.length + 2]; // id 0 at both ends
        System.arraycopy(phonemeIds, 0, padded, 1, phonemeIds.length);
        try (OnnxTensor ids = Tensors.longs(padded, 1, padded.length);
             OnnxTensor styleTensor = Tensors.floats(style.clone(), 1, style.length);
             OnnxTensor speedTensor = speedTensor(speedType, speed);
             OrtSession.Result result = NativeCalls.run(() -> session.run(
                     Map.of(tokensInput, ids, "style", styleTensor, "speed", speedTensor), Set.of(audioOutput),
                     trim.next()))) {
            FloatBuffer audio = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[audio.remaining()];
            audio.get(out);
            return out;
        }
    }

    private static OnnxTensor speedTensor(OnnxJavaType speedType, float speed) throws OrtException {
        return switch (speedType) {
            case INT32 -> OnnxTensor.createTensor(OnnxSessions.environment(), new int[] {Math.round(speed)});
            case INT64 -> Tensors.longs(new long[] {Math.round(speed)}, 1);
            default -> Tensors.floats(new float[] {speed}, 1);
        };
    }

    /** True when the export can only take whole-number speeds (a few published exports). */
    public boolean wholeNumberSpeedOnly() {
        return speedType == OnnxJavaType.INT32 || speedType == OnnxJavaType.INT64;
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }

}
