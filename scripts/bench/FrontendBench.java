import com.atilika.kuromoji.unidic.kanaaccent.Tokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.tts.espeak.EspeakPhonemizer;
import dev.streamtts.tts.ja.JapanesePhonemizer;
import dev.streamtts.tts.kokoro.KokoroEnglish;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text frontends, in a fresh JVM: start-up of the Japanese analyser (Kuromoji UniDic kana-accent
 * dictionary), Japanese frontend time per sentence after warm-up, and espeak-ng phonemes for a
 * 10-word English sentence. Needs libespeak-ng.
 *
 *   java -cp stream-tts.jar:bench.jar FrontendBench src/test/resources/ja/frontend-golden.json
 */
public final class FrontendBench {
    static final String TEN_WORDS = "The build finished and all of the tests pass now."; // scripts/bench/piper_ids.txt

    public static void main(String[] args) throws Exception {
        List<String> sentences = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            sentences.add(n.get("text").asText());
        }
        long start = System.nanoTime();
        Tokenizer tokenizer = new Tokenizer();
        double analyserS = (System.nanoTime() - start) / 1e9;
        JapanesePhonemizer ja = new JapanesePhonemizer(tokenizer, KokoroEnglish.create(false)::phonemes);
        start = System.nanoTime();
        ja.phonemes(sentences.get(0));
        double firstS = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < 20; i++) {
            sentences.forEach(ja::phonemes);
        }
        double[] perSentence = new double[sentences.size() * 10];
        for (int r = 0; r < 10; r++) {
            for (int i = 0; i < sentences.size(); i++) {
                long t = System.nanoTime();
                ja.phonemes(sentences.get(i));
                perSentence[r * sentences.size() + i] = (System.nanoTime() - t) / 1e6;
            }
        }
        EspeakPhonemizer en = EspeakPhonemizer.forVoice("en-us");
        for (int i = 0; i < 50; i++) {
            en.sentences(TEN_WORDS);
        }
        double[] espeak = new double[200];
        for (int i = 0; i < espeak.length; i++) {
            long t = System.nanoTime();
            en.sentences(TEN_WORDS);
            espeak[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf("{\"analyser_start_s\":%.3f,\"first_sentence_s\":%.3f,\"ja_sentences\":%d,"
                        + "\"ja_median_ms\":%.3f,\"ja_p95_ms\":%.3f,\"ja_max_ms\":%.3f,"
                        + "\"espeak_10_words_median_ms\":%.3f,\"espeak_p95_ms\":%.3f}%n",
                analyserS, firstS, sentences.size(), pct(perSentence, 50), pct(perSentence, 95), pct(perSentence, 100),
                pct(espeak, 50), pct(espeak, 95));
    }

    static double pct(double[] xs, int p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
