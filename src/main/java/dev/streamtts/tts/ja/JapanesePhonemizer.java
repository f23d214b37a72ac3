package dev.streamtts.tts.ja;

import com.atilika.kuromoji.unidic.kanaaccent.Token;
import com.atilika.kuromoji.unidic.kanaaccent.Tokenizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Japanese text to Kokoro phonemes. Follows misaki's Japanese G2P, which Kokoro's Japanese voices were
 * trained on: readings from a morphological analyser (here Kuromoji with UniDic, whose pronunciation
 * field already reads は/へ/を as わ/え/お and long vowels as ー), words grouped, each word's kana turned
 * into phonemes, punctuation kept as pause marks. Where misaki needs data we do not ship or reads coding
 * prose badly, this class differs, on purpose:
 * <ul>
 * <li>words are grouped by part of speech (compound nouns, verb + auxiliary, verb + て, prefixes)
 *     instead of misaki's list of 147 000 written words; that only moves spaces;</li>
 * <li>numbers (42, 2025, 3.14, 1.2.3) are read as whole numbers with Japanese sound changes;</li>
 * <li>Latin words are read: acronyms letter by letter (API → エーピーアイ), others with English phonemes;</li>
 * <li>a percent sign after a number is read (パーセント).</li>
 * </ul>
 * Thread-safe: Kuromoji's tokenizer is, and the rest holds no state.
 */
public final class JapanesePhonemizer {
    private static final Pattern PERCENT = Pattern.compile("(?<=[0-9])\\s*%");
    private static final Pattern WAVE_DASH_RANGE = Pattern.compile("[〜～](?=\\d)");
    /** Latin words (with digits, dots and dashes inside) and numbers, found before analysis. */
    private static final Pattern SPANS = Pattern.compile(
            "[A-Za-z][A-Za-z0-9']*(?:[._+#-][A-Za-z0-9]+)*[+#]*|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)*");
    private static final Pattern SPACE_AROUND_GLOTTAL = Pattern.compile("(?<![!\",.:;?»—…”]) (?=ʔ)|(?<=ʔ) (?![\"«“])");
    private static final Set<String> POLITE_AUXILIARIES = Set.of("ます", "まし", "ましょう", "ませ", "です", "でしょう", "たい");

    private final Tokenizer tokenizer;
    private final KanaPhonemes kana;
    private final LatinWords latin;

    /** @param english English phonemes for Latin words; null: they are spelled out */
    public JapanesePhonemizer(Tokenizer tokenizer, EnglishWords english) {
        this.tokenizer = tokenizer;
        this.kana = KanaPhonemes.load();
        this.latin = new LatinWords(kana, english);
    }

    public String phonemes(String text) {
        String normalized = normalize(text);
        List<Word> words = group(words(normalized));
        String joined = spaced(words);
        String ps = joined.strip().replaceAll("\\s+", " ").replace('(', '«').replace(')', '»');
        return SPACE_AROUND_GLOTTAL.matcher(ps).replaceAll("");
    }

    /** The hiragana reading of each word, for tests and for checking readings by hand. */
    public String reading(String text) {
        StringBuilder sb = new StringBuilder();
        for (Word w : group(words(normalize(text)))) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.phonemes() != null ? w.surface() : w.hira().isEmpty() ? w.surface() : w.hira());
        }
        return sb.toString();
    }

    static String normalize(String text) {
        String s = WAVE_DASH_RANGE.matcher(text).replaceAll("から"); // 5〜10 is "5 to 10"
        s = phoneticExtensions(s);
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        s = s.replace('”', '"').replace('’', '\'').replace('‘', '`');
        return PERCENT.matcher(s).replaceAll("パーセント"); // misaki drops %: "100%" would lose its meaning
    }

    /** Small katakana of the phonetic-extensions block (ㇰ ㇱ …) as ordinary katakana. */
    private static String phoneticExtensions(String s) {
        String small = "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ";
        String full = "クシストヌハヒフヘホムラリルレロ";
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            int i = small.indexOf(c);
            sb.append(i >= 0 ? full.charAt(i) : c);
        }
        return sb.toString();
    }

    /** Kuromoji's tokens, with each Latin word and each number made one word with its own reading. */
    List<Word> words(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = SPANS.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        List<Word> words = new ArrayList<>();
        int spanIndex = 0;
        for (Token t : tokenizer.tokenize(text)) {
            int start = t.getPosition();
            while (spanIndex < spans.size() && spans.get(spanIndex)[1] <= start) {
                spanIndex++;
            }
            if (spanIndex < spans.size() && start >= spans.get(spanIndex)[0]) {
                int[] span = spans.get(spanIndex);
                if (start == span[0]) {
                    words.add(special(text.substring(span[0], span[1])));
                } // later tokens of the same span are already covered
                continue;
            }
            if (t.getPartOfSpeechLevel1().equals("空白")) {
                continue; // whitespace: spacing is decided below
            }
            words.add(word(t));
        }
        return words;
    }

    private Word special(String span) {
        boolean number = Character.isDigit(span.charAt(0));
        String phonemes = number ? kana.word(JapaneseNumbers.read(span)) : latin.phonemes(span);
        String hira = number ? JapaneseNumbers.read(span) : "";
        return new Word(span, hira, number ? CharClass.NUMERIC : CharClass.ALPHA, number ? "数詞" : "", phonemes);
    }

    private static Word word(Token t) {
        String surface = t.getSurface();
        String reading = usable(t.getPronunciation()) ? t.getPronunciation()
                : usable(t.getKana()) ? t.getKana() : surface;
        CharClass charType = t.isKnown() || CharClass.of(surface.codePointAt(0)) == CharClass.KATAKANA
                ? CharClass.READABLE : CharClass.of(surface.codePointAt(0));
        return new Word(surface, KanaPhonemes.hiragana(reading), charType, t.getPartOfSpeechLevel1(), null);
    }

    /** Kuromoji marks missing features of unknown words with "*". */
    private static boolean usable(String feature) {
        return feature != null && !feature.isEmpty() && !feature.equals("*");
    }

    /**
     * Words that belong together are read as one (no pause between them, and ん assimilates across):
     * compound nouns, a prefix and its word, a verb and its て, a verb and most auxiliaries.
     */
    static List<Word> group(List<Word> words) {
        List<Word> out = new ArrayList<>();
        for (Word w : words) {
            Word last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && joins(last, w)) {
                out.set(out.size() - 1, new Word(last.surface() + w.surface(), last.hira() + w.hira(), last.charType(),
                        w.pos(), null));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean joins(Word last, Word w) {
        if (last.phonemes() != null || w.phonemes() != null || last.charType() != w.charType()) {
            return false;
        }
        String prev = last.pos();
        return switch (w.pos()) {
            case "名詞" -> prev.equals("名詞") || prev.equals("接頭辞");
            case "助詞" -> prev.equals("動詞") && (w.surface().equals("て") || w.surface().equals("で"));
            case "助動詞" -> prev.equals("動詞") && w.surface().equals("ます")
                    || (!POLITE_AUXILIARIES.contains(w.surface()) && (prev.equals("動詞") || prev.equals("助動詞") || prev.equals("形容詞")));
            default -> prev.equals("接頭辞");
        };
    }

    /** Each word's phonemes with misaki's spacing rules around brackets and punctuation. */
    private String spaced(List<Word> words) {
        List<StringBuilder> tokens = new ArrayList<>();
        List<Boolean> spaceAfter = new ArrayList<>();
        for (Word w : words) {
            String roma = phonemes(w);
            int last = tokens.size() - 1;
            boolean space;
            if ("「『«".contains(w.surface()) || "([".contains(roma)) {
                if (last >= 0) {
                    spaceAfter.set(last, true);
                }
                space = false;
            } else if ("」』»".contains(w.surface()) || "]).,?!:".contains(roma)) {
                if (last >= 0) {
                    spaceAfter.set(last, false);
                }
                space = true;
            } else {
                space = !roma.equals(" ");
            }
            tokens.add(new StringBuilder(roma));
            spaceAfter.add(space);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            out.append(tokens.get(i).toString().replace("っ", "")).append(spaceAfter.get(i) ? " " : "");
        }
        return out.toString();
    }

    /** One word's phonemes. */
    private String phonemes(Word w) {
        if (w.phonemes() != null) {
            return w.phonemes();
        }
        if (w.surface().chars().allMatch(c -> c < 128)) {
            return w.surface(); // ASCII punctuation: Kokoro knows . , ! ? : ; " as pauses
        }
        if (w.charType() == CharClass.SYMBOL) {
            return kana.symbols(w.surface());
        }
        if (w.charType() != CharClass.READABLE) {
            return ""; // an unknown kanji or a foreign script: nothing sensible to say
        }
        return kana.word(w.hira());
    }
}
