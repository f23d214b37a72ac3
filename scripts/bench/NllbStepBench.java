package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.streamtts.onnx.ExecutionProvider;
import dev.streamtts.onnx.OnnxOptions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * The same loop as bench_nllb.py's onnxruntime part, on the Java classes under the translator: the same
 * 20 input ids, encoder once, 24 greedy decoder steps with the end token masked. Prints the median
 * sentence and decoder-step times, so the two languages compare step for step.
 *
 *   java -cp stream-tts.jar:bench.jar dev.streamtts.translate.NllbStepBench MODEL_DIR int8|fp32 THREADS [RUNS]
 *        [--shortlist SPEC]
 *
 * With --shortlist, the full decoder and cut ones are timed side by side in this one process, in turns
 * (a block of 3 sentences with the full one, then with each cut one, again; the first of each block not
 * counted): one JSON line per decoder, then one line with the step and sentence speed-ups and whether the
 * kept logits are the full decoder's bit for bit. SPEC is a comma-separated list of
 *   K          K token ids: the specials (0-3, the language codes at the top of a 256,206-token vocabulary,
 *              the forced target token) and random others (seeded): for the full-size random export, whose
 *              synthetic vocabulary has no scripts (say 40000,90000)
 *   CODE       an NLLB code: the product's shortlist for that target, from the model's tokenizer.json
 *              (real weights and tokenizer; say jpn_Jpan)
 * The cut decoders are written beside the model once (their making is timed: derive_s) and reused.
 */
public final class NllbStepBench {
    private static final int STEPS = 24;
    private static final int BLOCK = 3;

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        String spec = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--shortlist")) {
                spec = args[++i];
            } else {
                positional.add(args[i]);
            }
        }
        Path dir = Path.of(positional.get(0));
        NllbFiles.Precision precision = NllbFiles.Precision.valueOf(positional.get(1).toUpperCase(Locale.ROOT));
        int threads = Integer.parseInt(positional.get(2));
        int runs = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 10;
        OnnxOptions onnx = new OnnxOptions(ExecutionProvider.CPU, threads, null);
        NllbFiles files = NllbFiles.locate(dir, precision, true, "");
        NllbConfig config = NllbConfig.read(files.config());
        long[] ids = inputIds(config.vocabSize());
        if (spec == null) {
            List<Double> sentences = new ArrayList<>();
            List<Double> steps = new ArrayList<>();
            String memory;
            try (NllbEncoder encoder = NllbEncoder.open(files, config, onnx, "");
                 NllbDecoder decoder = NllbDecoder.open(files, config, onnx, "")) {
                for (int i = 0; i < runs + 2; i++) {
                    sentence(encoder, decoder, config, ids, i >= 2 ? sentences : null, i >= 2 ? steps : null);
                }
                memory = memory();
            }
            System.out.printf("{\"precision\":\"%s\",\"threads\":%d,\"sentence_s\":%.4f,\"step_s\":%.5f,%s}%n",
                    positional.get(1), threads, median(sentences), median(steps), memory);
            return;
        }
        compare(files, config, onnx, ids, spec, positional.get(1), threads, runs);
    }

    private static void compare(NllbFiles files, NllbConfig config, OnnxOptions onnx, long[] ids, String spec,
                                String precision, int threads, int runs) throws Exception {
        Map<String, NllbDecoder> decoders = new LinkedHashMap<>();
        Map<String, Double> derive = new LinkedHashMap<>();
        try (NllbEncoder encoder = NllbEncoder.open(files, config, onnx, "")) {
            try {
                decoders.put("full", NllbDecoder.open(files, config, onnx, ""));
                for (String part : spec.split(",")) {
                    Shortlist s = part.matches("\\d+") ? random(Integer.parseInt(part), config)
                            : Shortlist.forTarget(files.tokenizer(), NllbLanguages.parse(part), config);
                    long t0 = System.nanoTime();
                    Path cut = ShortlistedDecoder.derive(files.decoder(), s, config.vocabSize(), false);
                    derive.put(part, (System.nanoTime() - t0) / 1e9);
                    decoders.put(part, NllbDecoder.openShortlisted(files, config, onnx, "", s));
                    System.err.println("shortlist " + part + ": " + s + " -> " + cut);
                }
                StringBuilder checks = new StringBuilder();
                for (String k : decoders.keySet()) {
                    if (!k.equals("full")) {
                        checks.append(checks.length() == 0 ? "" : ",").append('"').append(k).append("\":")
                                .append(check(encoder, decoders.get("full"), decoders.get(k), config, ids));
                    }
                }
                Map<String, List<Double>> sentences = new LinkedHashMap<>();
                Map<String, List<Double>> steps = new LinkedHashMap<>();
                decoders.keySet().forEach(k -> {
                    sentences.put(k, new ArrayList<>());
                    steps.put(k, new ArrayList<>());
                });
                // In turns, so that drift on a shared host hits all alike; in blocks of BLOCK sentences whose
                // first is not counted, as the threads of the session that ran before spin on for a while.
                int rounds = 1 + (runs + BLOCK - 2) / (BLOCK - 1);
                for (int round = 0; round < rounds; round++) {
                    for (Map.Entry<String, NllbDecoder> e : decoders.entrySet()) {
                        for (int i = 0; i < BLOCK; i++) {
                            boolean counted = round > 0 && i > 0;
                            sentence(encoder, e.getValue(), config, ids, counted ? sentences.get(e.getKey()) : null,
                                    counted ? steps.get(e.getKey()) : null);
                        }
                    }
                }
                String memory = memory();
                double fullStep = median(steps.get("full"));
                double fullSentence = median(sentences.get("full"));
                StringBuilder speedups = new StringBuilder();
                for (String k : decoders.keySet()) {
                    NllbDecoder d = decoders.get(k);
                    double step = median(steps.get(k));
                    double sentence = median(sentences.get(k));
                    System.out.printf(Locale.ROOT, "{\"precision\":\"%s\",\"threads\":%d,\"decoder\":\"%s\",\"tokens\":%d,"
                                    + "\"sentence_s\":%.4f,\"step_s\":%.5f,\"step_p10_s\":%.5f,\"step_p90_s\":%.5f%s,%s}%n",
                            precision, threads, k, d.vocab(), sentence, step, percentile(steps.get(k), 0.1),
                            percentile(steps.get(k), 0.9),
                            derive.containsKey(k) ? String.format(Locale.ROOT, ",\"derive_s\":%.2f", derive.get(k)) : "",
                            memory);
                    if (!k.equals("full")) {
                        speedups.append(String.format(Locale.ROOT, "%s\"%s\":{\"tokens\":%d,\"step\":%.3f,\"sentence\":%.3f}",
                                speedups.length() == 0 ? "" : ",", k, d.vocab(), fullStep / step, fullSentence / sentence));
                    }
                }
                System.out.printf(Locale.ROOT, "{\"precision\":\"%s\",\"threads\":%d,\"steps_per_sentence\":%d,"
                        + "\"speedup_over_full\":{%s},\"kept_logits_vs_full\":{%s}}%n", precision, threads, STEPS, speedups,
                        checks);
            } finally {
                decoders.values().forEach(NllbDecoder::close);
            }
        }
    }

    /**
     * One sentence through both decoders in step, both fed the full decoder's greedy choice: how many of
     * the cut decoder's logits differ from the full decoder's at the same token ids (0: the same bits),
     * the largest difference, and how many steps the full choice was in the shortlist and the two choices
     * agreed.
     */
    private static String check(NllbEncoder encoder, NllbDecoder full, NllbDecoder cut, NllbConfig config, long[] ids)
            throws Exception {
        OnnxTensor[] batch = NllbEncoder.tensors(new long[][] {ids}, config.padTokenId());
        long differing = 0;
        double largest = 0;
        int inShortlist = 0;
        int agreed = 0;
        try (OnnxTensor in = batch[0]; OnnxTensor mask = batch[1];
             OrtSession.Result encoded = encoder.encode(in, mask)) {
            OnnxTensor hidden = (OnnxTensor) encoded.get("last_hidden_state").orElseThrow();
            try (DecoderState a = new DecoderState(full, hidden, mask, 1);
                 DecoderState b = new DecoderState(cut, hidden, mask, 1)) {
                long last = config.decoderStartTokenId();
                for (int step = 0; step < STEPS; step++) {
                    FloatBuffer fa = a.step(new long[] {last});
                    FloatBuffer fb = b.step(new long[] {last});
                    for (int c = 0; c < cut.vocab(); c++) {
                        float x = fa.get((int) cut.tokenId(c));
                        float y = fb.get(c);
                        if (Float.floatToIntBits(x) != Float.floatToIntBits(y)) {
                            differing++;
                            largest = Math.max(largest, Math.abs(x - y));
                        }
                    }
                    int eos = (int) config.eosTokenId();
                    long choice = Greedy.argmax(fa, 0, full.vocab(), eos);
                    if (step > 0 && cut.column(choice) >= 0) {
                        inShortlist++;
                        agreed += cut.tokenId(Greedy.argmax(fb, 0, cut.vocab(), cut.column(eos))) == choice ? 1 : 0;
                    }
                    last = step == 0 ? forcedToken(config) : choice;
                }
            }
        }
        return String.format(Locale.ROOT, "{\"logits_differing\":%d,\"max_abs_diff\":%.3g,\"steps_full_choice_kept\":%d,"
                + "\"of_those_same_choice\":%d}", differing, largest, inShortlist, agreed);
    }

    /** Encoder once, then 24 greedy steps (the end token masked); times into the lists when given. */
    private static void sentence(NllbEncoder encoder, NllbDecoder decoder, NllbConfig config, long[] ids,
                                 List<Double> sentences, List<Double> steps) throws Exception {
        long start = System.nanoTime();
        OnnxTensor[] batch = NllbEncoder.tensors(new long[][] {ids}, config.padTokenId());
        try (OnnxTensor in = batch[0]; OnnxTensor mask = batch[1];
             OrtSession.Result encoded = encoder.encode(in, mask);
             DecoderState state = new DecoderState(decoder,
                     (OnnxTensor) encoded.get("last_hidden_state").orElseThrow(), mask, 1)) {
            long last = config.decoderStartTokenId();
            int eos = decoder.column(config.eosTokenId());
            for (int step = 0; step < STEPS; step++) {
                long s0 = System.nanoTime();
                FloatBuffer logits = state.step(new long[] {last});
                if (step > 0 && steps != null) {
                    steps.add((System.nanoTime() - s0) / 1e9);
                }
                last = step == 0 ? forcedToken(config)
                        : decoder.tokenId(Greedy.argmax(logits, 0, logits.capacity(), eos));
            }
        }
        if (sentences != null) {
            sentences.add((System.nanoTime() - start) / 1e9);
        }
    }

    private static long forcedToken(NllbConfig config) {
        return 256079 % config.vocabSize(); // jpn_Jpan in NLLB-200's vocabulary
    }

    /** K ids: the specials and the forced token, the rest drawn at random (seed 1). */
    static Shortlist random(int k, NllbConfig config) {
        int vocab = config.vocabSize();
        TreeSet<Integer> ids = new TreeSet<>(List.of(0, 1, 2, 3, (int) config.eosTokenId(), (int) forcedToken(config)));
        if (vocab > 256_000) {
            for (int id = 256_001; id < Math.min(vocab, 256_204); id++) { // NLLB-200's language codes and <mask>
                ids.add(id);
            }
        }
        Random rnd = new Random(1);
        while (ids.size() < Math.min(k, vocab)) {
            ids.add(rnd.nextInt(vocab));
        }
        return Shortlist.of("k" + k, ids.stream().mapToInt(Integer::intValue).toArray(), vocab);
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
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double percentile(List<Double> xs, double p) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}
