import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Session load time: a model as published (ONNX Runtime optimizes it at every load) against the graph
 * ONNX Runtime saved after optimizing it once, loaded with optimization off (what an on-disk cache of
 * optimized graphs would give). Alternately, ROUNDS times; one JSON line per load.
 *
 *   java -cp stream-tts.jar:bench.jar LoadBench THREADS ROUNDS MODEL.onnx...
 */
public final class LoadBench {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (int i = 2; i < args.length; i++) {
            Path model = Path.of(args[i]);
            Path optimized = Files.createTempFile("optimized", ".onnx");
            try (OrtSession.SessionOptions so = options(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
                so.setOptimizedModelFilePath(optimized.toString());
                env.createSession(model.toString(), so).close();
            }
            for (int r = 0; r < rounds; r++) {
                for (boolean cached : new boolean[] {false, true}) {
                    long start = System.nanoTime();
                    try (OrtSession.SessionOptions so = options(threads, cached
                            ? OrtSession.SessionOptions.OptLevel.NO_OPT : OrtSession.SessionOptions.OptLevel.ALL_OPT);
                         OrtSession s = env.createSession((cached ? optimized : model).toString(), so)) {
                        double ms = (System.nanoTime() - start) / 1e6;
                        System.out.printf("{\"model\":\"%s\",\"optimized_cache\":%s,\"round\":%d,\"load_ms\":%.1f,\"mb\":%.1f}%n",
                                model.getFileName(), cached, r, ms, Files.size(cached ? optimized : model) / 1e6);
                    }
                }
            }
            Files.deleteIfExists(optimized);
        }
    }

    private static OrtSession.SessionOptions options(int threads, OrtSession.SessionOptions.OptLevel level)
            throws Exception {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(level);
        so.setIntraOpNumThreads(threads);
        return so;
    }
}
