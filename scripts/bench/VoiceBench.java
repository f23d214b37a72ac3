import dev.streamtts.onnx.ExecutionProvider;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.kokoro.KokoroModel;
import dev.streamtts.tts.kokoro.VoiceStyles;
import dev.streamtts.tts.piper.PiperModel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Voice model time in Java, same inputs as scripts/bench/bench_voice.py.
 *
 *   java -cp stream-tts.jar:bench.jar VoiceBench piper MODEL.onnx IDS THREADS
 *   java -cp stream-tts.jar:bench.jar VoiceBench kokoro MODEL.onnx IDS THREADS VOICE.bin
 */
public final class VoiceBench {
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path model = Path.of(args[1]);
        long[] ids = Arrays.stream(args[2].split(",")).mapToLong(Long::parseLong).toArray();
        int threads = Integer.parseInt(args[3]);
        int runs = Integer.getInteger("runs", 10);
        OnnxOptions onnx = new OnnxOptions(ExecutionProvider.CPU, threads, null);
        double[] times = new double[runs];
        int samples = 0;
        int rate;
        if (kind.equals("piper")) {
            rate = 22_050;
            try (PiperModel piper = PiperModel.open(model, onnx, "bench", "")) {
                float[] scales = {0.667f, 1.0f, 0.0f};
                for (int i = 0; i < runs + 2; i++) {
                    long start = System.nanoTime();
                    samples = piper.run(ids, scales, 0).length;
                    if (i >= 2) {
                        times[i - 2] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
        } else {
            rate = KokoroModel.SAMPLE_RATE;
            float[] style = VoiceStyles.raw(Path.of(args[4])).forLength(ids.length);
            try (KokoroModel kokoro = KokoroModel.open(model, onnx)) {
                for (int i = 0; i < runs + 2; i++) {
                    long start = System.nanoTime();
                    samples = kokoro.run(ids, style, 1.0f).length;
                    if (i >= 2) {
                        times[i - 2] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
        }
        Arrays.sort(times);
        double t = times[runs / 2];
        System.out.printf("{\"kind\":\"%s\",\"threads\":%d,\"ids\":%d,\"median_s\":%.4f,\"audio_s\":%.3f,\"rtf\":%.4f}%n",
                kind, threads, ids.length, t, samples / (double) rate, t / (samples / (double) rate));
    }
}
