package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.streamtts.onnx.ExecutionProvider;
import dev.streamtts.onnx.OnnxOptions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The same loop as bench_nllb.py's onnxruntime part, on the Java classes under the translator: the same
 * 20 input ids, encoder once, 24 greedy decoder steps with the end token masked. Prints the median
 * sentence and decoder-step times, so the two languages compare step for step.
 *
 *   java -cp stream-tts.jar:bench.jar dev.streamtts.translate.NllbStepBench MODEL_DIR int8|fp32 THREADS [RUNS]
 */
public final class NllbStepBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        NllbFiles.Precision precision = NllbFiles.Precision.valueOf(args[1].toUpperCase());
        int threads = Integer.parseInt(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        OnnxOptions onnx = new OnnxOptions(ExecutionProvider.CPU, threads, null);
        NllbFiles files = NllbFiles.locate(dir, precision, true, "");
        NllbConfig config = NllbConfig.read(files.config());
        long[] ids = inputIds(config.vocabSize());
        List<Double> sentences = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        String memory;
        try (NllbEncoder encoder = NllbEncoder.open(files, onnx, "");
             NllbDecoder decoder = NllbDecoder.open(files, config, onnx, "")) {
            for (int i = 0; i < runs + 2; i++) {
                long start = System.nanoTime();
                OnnxTensor[] batch = NllbEncoder.tensors(new long[][] {ids}, config.padTokenId());
                try (OnnxTensor in = batch[0]; OnnxTensor mask = batch[1];
                     OrtSession.Result encoded = encoder.encode(in, mask);
                     DecoderState state = new DecoderState(decoder,
                             (OnnxTensor) encoded.get("last_hidden_state").orElseThrow(), mask, 1)) {
                    long last = config.decoderStartTokenId();
                    for (int step = 0; step < 24; step++) {
                        long s0 = System.nanoTime();
                        FloatBuffer logits = state.step(new long[] {last});
                        if (step > 0 && i >= 2) {
                            steps.add((System.nanoTime() - s0) / 1e9);
                        }
                        last = step == 0 ? 256079 % config.vocabSize()
                                : NllbGenerator.argmax(logits, 0, logits.capacity(), (int) config.eosTokenId());
                    }
                }
                if (i >= 2) {
                    sentences.add((System.nanoTime() - start) / 1e9);
                }
            }
            memory = memory();
        }
        System.out.printf("{\"precision\":\"%s\",\"threads\":%d,\"sentence_s\":%.4f,\"step_s\":%.5f,%s}%n", args[1],
                threads, median(sentences), median(steps), memory);
    }

    /** 20 ids like bench_nllb.py's: [eng_Latn] + 18 pieces + </s> (other pieces; the cost depends on the length). */
    static long[] inputIds(int vocab) {
        long[] ids = new long[20];
        ids[0] = vocab > 256047 ? 256047 : vocab - 150;
        for (int i = 1; i < 19; i++) {
            ids[i] = 10 + 7 * i;
        }
        ids[19] = 2;
        return ids;
    }

    static String memory() throws java.io.IOException {
        long rss = 0;
        long peak = 0;
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return String.format("\"rss_mb\":%d,\"peak_rss_mb\":%d", rss / 1024, peak / 1024);
    }

    static double median(List<Double> xs) {
        Collections.sort(xs);
        return xs.get(xs.size() / 2);
    }
}
