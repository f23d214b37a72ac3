import dev.streamtts.audio.Pcm;
import dev.streamtts.audio.PieceJoiner;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.text.ClauseSplitter;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.Voices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What synthesizing a sentence in clause pieces (voice.chunk) gains and what it costs, per sentence of a
 * file (one a line): the time to the first sample (the whole sentence's synthesis, or its first piece's),
 * the time all pieces take together, seams where the next piece would not be ready before the one
 * before has played, and the seams themselves (largest sample-to-sample jump in the joined sentence
 * against the largest inside its pieces; longest quiet inside the sentence, joined and whole).
 *
 *   java -cp stream-tts.jar:bench.jar ChunkBench --models DIR --voice NAME --sentences FILE [--threads N] [--runs 5]
 */
public final class ChunkBench {
    private static final float QUIET = 1e-3f;

    public static void main(String[] args) throws Exception {
        String models = arg(args, "--models", null);
        String name = arg(args, "--voice", null);
        int threads = Integer.parseInt(arg(args, "--threads", "1"));
        int runs = Integer.parseInt(arg(args, "--runs", "5"));
        List<String> sentences = Files.readAllLines(Path.of(arg(args, "--sentences", null))).stream()
                .filter(s -> !s.isBlank()).toList();
        VoiceCatalog.Entry entry = VoiceCatalog.scan(Path.of(models)).find(name)
                .orElseThrow(() -> new IllegalArgumentException("no voice " + name + " in " + models));
        ClauseSplitter splitter = new ClauseSplitter();
        List<double[]> rows = new ArrayList<>();
        int split = 0;
        int seams = 0;
        int late = 0;
        int jumpOk = 0;
        try (Voice voice = Voices.open(entry, new VoiceOptions(null, 1.0, 0.0, 0.0), OnnxOptions.cpu(threads))) {
            voice.synthesize(sentences.get(0)); // warm-up
            for (String sentence : sentences) {
                List<String> pieces = splitter.pieces(sentence);
                double[] whole = new double[runs];
                double[] first = new double[runs];
                double[] all = new double[runs];
                double[][] each = new double[pieces.size()][runs];
                float[] wholeAudio = null;
                List<float[]> pieceAudio = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    wholeAudio = voice.synthesize(sentence).samples();
                    whole[r] = (System.nanoTime() - t0) / 1e6;
                    pieceAudio.clear();
                    for (int i = 0; i < pieces.size(); i++) {
                        long t = System.nanoTime();
                        pieceAudio.add(voice.synthesize(pieces.get(i)).samples());
                        each[i][r] = (System.nanoTime() - t) / 1e6;
                        all[r] += each[i][r];
                    }
                    first[r] = each[0][r];
                }
                PieceJoiner joiner = new PieceJoiner(voice.sampleRate(), 5);
                List<float[]> out = new ArrayList<>();
                float inside = 0;
                float naive = 0;
                for (int i = 0; i < pieces.size(); i++) {
                    float[] p = pieceAudio.get(i);
                    inside = Math.max(inside, maxJump(p));
                    if (i > 0 && p.length > 0 && pieceAudio.get(i - 1).length > 0) {
                        float[] before = pieceAudio.get(i - 1);
                        naive = Math.max(naive, Math.abs(p[0] - before[before.length - 1]));
                        seams++;
                        if (median(each[i]) / 1000 > before.length / (double) voice.sampleRate()) {
                            late++;
                        }
                    }
                    out.add(joiner.add(new Pcm(p, voice.sampleRate()), i == pieces.size() - 1).samples());
                }
                float[] joined = concat(out);
                boolean ok = maxJump(joined) <= inside;
                if (pieces.size() > 1) {
                    split++;
                    jumpOk += ok ? 1 : 0;
                }
                double rate = voice.sampleRate() / 1000.0;
                rows.add(new double[] {median(whole), median(first), median(all), pieces.size()});
                System.out.printf(Locale.ROOT, "{\"pieces\":%d,\"whole_ms\":%.1f,\"first_ms\":%.1f,\"all_pieces_ms\":%.1f,"
                                + "\"audio_whole_s\":%.2f,\"audio_joined_s\":%.2f,\"max_jump_joined\":%.3f,"
                                + "\"max_jump_inside_pieces\":%.3f,\"naive_seam_step\":%.3f,\"longest_quiet_joined_ms\":%.0f,"
                                + "\"longest_quiet_whole_ms\":%.0f,\"text\":\"%s\"}%n",
                        pieces.size(), median(whole), median(first), median(all), wholeAudio.length / rate / 1000,
                        joined.length / rate / 1000, maxJump(joined), inside, naive, innerQuiet(joined) / rate,
                        innerQuiet(wholeAudio) / rate, sentence.replace("\"", "\\\""));
            }
        }
        double[] whole = rows.stream().filter(r -> r[3] > 1).mapToDouble(r -> r[0]).toArray();
        double[] first = rows.stream().filter(r -> r[3] > 1).mapToDouble(r -> r[1]).toArray();
        double[] all = rows.stream().filter(r -> r[3] > 1).mapToDouble(r -> r[2]).toArray();
        System.out.printf(Locale.ROOT, "{\"summary\":true,\"voice\":\"%s\",\"threads\":%d,\"sentences\":%d,\"split\":%d,"
                        + "\"split_whole_ms_median\":%.1f,\"split_first_piece_ms_median\":%.1f,"
                        + "\"split_first_over_whole_median\":%.2f,\"split_all_pieces_over_whole_median\":%.2f,"
                        + "\"seams\":%d,\"seams_late\":%d,\"sentences_with_no_jump_beyond_inside\":%d}%n",
                name, threads, sentences.size(), split, median(whole), median(first), medianRatio(first, whole),
                medianRatio(all, whole), seams, late, jumpOk);
    }

    private static float maxJump(float[] s) {
        float max = 0;
        for (int i = 1; i < s.length; i++) {
            max = Math.max(max, Math.abs(s[i] - s[i - 1]));
        }
        return max;
    }

    /** Longest run under QUIET between the first and the last sample above it, in samples. */
    private static int innerQuiet(float[] s) {
        int from = 0;
        while (from < s.length && Math.abs(s[from]) < QUIET) {
            from++;
        }
        int to = s.length;
        while (to > from && Math.abs(s[to - 1]) < QUIET) {
            to--;
        }
        int longest = 0;
        int run = 0;
        for (int i = from; i < to; i++) {
            run = Math.abs(s[i]) < QUIET ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static float[] concat(List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double medianRatio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return median(r);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is needed");
        }
        return fallback;
    }
}
