import dev.streamtts.onnx.ExecutionProvider;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.translate.GenerationOptions;
import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.NllbLanguages;
import dev.streamtts.translate.NllbTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Java translator's per-sentence time on an NLLB export, through its public API, with the same
 * fixed output length as scripts/bench/bench_nllb.py (24 tokens after the start token, greedy).
 *
 *   java -cp stream-tts.jar:bench.jar NllbBench MODEL_DIR int8|fp32 THREADS [RUNS]
 */
public final class NllbBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        NllbFiles.Precision precision = NllbFiles.Precision.valueOf(args[1].toUpperCase());
        int threads = Integer.parseInt(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        // 18 pieces + [eng_Latn] + </s> = 20 input tokens with the benchmark's tokenizer
        String text = args.length > 4 ? args[4] : "I fixed the parser first, and then the tests.";
        NllbTranslator.Settings settings = new NllbTranslator.Settings(dir, precision, NllbLanguages.parse("eng_Latn"),
                NllbLanguages.parse("jpn_Jpan"), new GenerationOptions(1, 25, 1.0, 0, 25), 0,
                new OnnxOptions(ExecutionProvider.CPU, threads, null));
        long load = System.nanoTime();
        try (NllbTranslator t = NllbTranslator.open(settings)) {
            double loadS = (System.nanoTime() - load) / 1e9;
            double[] times = new double[runs];
            for (int i = 0; i < runs + 2; i++) {
                long start = System.nanoTime();
                t.translate(List.of(text));
                if (i >= 2) {
                    times[i - 2] = (System.nanoTime() - start) / 1e9;
                }
            }
            Arrays.sort(times);
            System.out.printf("{\"precision\":\"%s\",\"threads\":%d,\"load_s\":%.3f,\"sentence_s\":%.4f,%s}%n",
                    args[1], threads, loadS, times[runs / 2], memory());
        }
    }

    static String memory() throws Exception {
        long rss = 0;
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return String.format("\"rss_mb\":%d,\"peak_rss_mb\":%d", rss / 1024, peak / 1024);
    }
}
