package dev.streamtts.tts.kokoro;

import dev.streamtts.tts.espeak.EspeakException;
import dev.streamtts.tts.espeak.EspeakPhonemizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * English for Kokoro: espeak-ng's IPA (with ties marking diphthongs and affricates) rewritten into the
 * symbols Kokoro's English voices were trained on (misaki's conventions: {@code A} for eɪ, {@code I} for
 * aɪ, {@code O} for oʊ, {@code ʤ ʧ}, flap {@code T}, no length marks in American English).
 */
public final class KokoroEnglish {
    private static final char TIE = '^';
    /** Multi-character rewrites first, then single characters: order matters. */
    private static final String[][] COMMON = {
        {"ʔˌn̩", "ʔn"}, {"ʔn̩", "ʔn"}, {"a^ɪ", "I"}, {"a^ʊ", "W"}, {"d^ʒ", "ʤ"}, {"e^ɪ", "A"}, {"t^ʃ", "ʧ"},
        {"ɔ^ɪ", "Y"}, {"ə^l", "ᵊl"}, {"ʲo", "jo"}, {"ʲə", "jə"},
        {"e", "A"}, {"ʲ", ""}, {"ɚ", "əɹ"}, {"r", "ɹ"}, {"x", "k"}, {"ç", "k"}, {"ɐ", "ə"}, {"ɬ", "l"}, {"\u0303", ""},
    };
    private static final String[][] AMERICAN = {{"o^ʊ", "O"}, {"ɜːɹ", "ɜɹ"}, {"ɜː", "ɜɹ"}, {"ɪə", "iə"}, {"ː", ""}};
    private static final String[][] BRITISH = {{"e^ə", "ɛː"}, {"iə", "ɪə"}, {"ə^ʊ", "Q"}};
    private static final Pattern SYLLABIC = Pattern.compile("(\\S)\u0329");

    private final EspeakPhonemizer espeak;
    private final boolean british;

    private KokoroEnglish(EspeakPhonemizer espeak, boolean british) {
        this.espeak = espeak;
        this.british = british;
    }

    /** American ("en-us") or British ("en-gb-x-rp") English. */
    public static KokoroEnglish create(boolean british) throws EspeakException {
        return new KokoroEnglish(EspeakPhonemizer.forVoice(espeakVoice(british), TIE), british);
    }

    /** The espeak-ng voice that phonemizes American or British English. */
    static String espeakVoice(boolean british) {
        return british ? "en-gb-x-rp" : "en-us";
    }

    /** The phonemes of an English text, sentences joined with a space. */
    public String phonemes(String text) throws EspeakException {
        List<String> sentences = espeak.sentences(text);
        return rewrite(String.join(" ", sentences), british);
    }

    static String rewrite(String ipa, boolean british) {
        String s = ipa;
        for (String[] r : COMMON) {
            s = s.replace(r[0], r[1]);
        }
        s = SYLLABIC.matcher(s).replaceAll("ᵊ$1").replace("\u0329", "");
        for (String[] r : british ? BRITISH : AMERICAN) {
            s = s.replace(r[0], r[1]);
        }
        s = s.replace("o", "ɔ"); // espeak-ng before 1.52 writes o where Kokoro expects ɔ
        s = s.replace("ɾ", "T").replace("ʔ", "t"); // Kokoro v1.0's flap and glottal stop symbols
        return s.replace(String.valueOf(TIE), "");
    }
}
