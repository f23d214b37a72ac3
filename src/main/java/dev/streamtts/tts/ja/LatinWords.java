package dev.streamtts.tts.ja;

import dev.streamtts.tts.espeak.EspeakException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latin-script words inside Japanese text (what a translation keeps: names, commands, file names,
 * acronyms). Acronyms are spelled with Japanese letter names (API → エーピーアイ), numbers inside words
 * are read in Japanese, other words get English phonemes. Without espeak-ng, words are spelled out.
 */
final class LatinWords {
    private static final Logger log = LoggerFactory.getLogger(LatinWords.class);
    private static final String[] LETTERS = {
        "えー", "びー", "しー", "でぃー", "いー", "えふ", "じー", "えいち", "あい", "じぇー", "けー", "える", "えむ",
        "えぬ", "おー", "ぴー", "きゅー", "あーる", "えす", "てぃー", "ゆー", "ぶい", "だぶりゅー", "えっくす", "わい", "ぜっと",
    };
    /** Letter runs, digit runs, and the joiners between them. */
    private static final Pattern PARTS = Pattern.compile("[A-Za-z']+|\\d+(?:\\.\\d+)*|[.+#_-]");
    private static final Pattern ACRONYM = Pattern.compile("[A-Z]{1,5}s?");

    private final KanaPhonemes kana;
    private final EnglishWords english;

    LatinWords(KanaPhonemes kana, EnglishWords english) {
        this.kana = kana;
        this.english = english;
    }

    /** The phonemes of one Latin word such as "config.yaml", "GPT-4", "API" or "Claude". */
    String phonemes(String word) {
        StringBuilder out = new StringBuilder();
        Matcher m = PARTS.matcher(word);
        String previous = "";
        while (m.find()) {
            String part = m.group();
            String spoken = switch (part) {
                case "." -> previous.matches("\\d.*") ? kana.word("てん") : englishOrSpelled("dot");
                case "+" -> englishOrSpelled("plus");
                case "#" -> englishOrSpelled("sharp");
                case "_", "-" -> " ";
                default -> Character.isDigit(part.charAt(0)) ? kana.word(JapaneseNumbers.read(part)) : letters(part);
            };
            if (!spoken.isBlank() && out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
            out.append(spoken.strip());
            previous = part;
        }
        return out.toString().strip();
    }

    private String letters(String run) {
        if (ACRONYM.matcher(run).matches() || english == null || run.length() == 1) {
            return spell(run);
        }
        return englishOrSpelled(run);
    }

    private String englishOrSpelled(String text) {
        if (english != null) {
            try {
                return english.phonemes(text);
            } catch (EspeakException e) {
                log.debug("espeak-ng failed on '{}': {}", text, e.getMessage());
            }
        }
        return spell(text);
    }

    /** Letter by letter, with Japanese letter names; a plural s stays a plural. */
    String spell(String run) {
        StringBuilder hira = new StringBuilder();
        String letters = run.length() > 1 && run.endsWith("s") && run.substring(0, run.length() - 1).equals(
                run.substring(0, run.length() - 1).toUpperCase(java.util.Locale.ROOT)) ? run.substring(0, run.length() - 1) : run;
        for (char c : letters.toCharArray()) {
            char u = Character.toUpperCase(c);
            if (u >= 'A' && u <= 'Z') {
                hira.append(LETTERS[u - 'A']);
            }
        }
        if (letters.length() < run.length()) {
            hira.append("ず");
        }
        return kana.word(hira.toString());
    }
}
