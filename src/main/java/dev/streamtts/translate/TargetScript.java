package dev.streamtts.translate;

import com.ibm.icu.lang.UScript;
import java.util.Set;

/**
 * Tells whether a sentence is already written in the target language's script, so that Japanese in a
 * Japanese-speaking run is spoken as it is instead of being "translated" from English. Only decidable
 * when source and target scripts differ (English and German share Latin letters).
 */
final class TargetScript {
    private final Set<Integer> scripts;

    private TargetScript(Set<Integer> scripts) {
        this.scripts = scripts;
    }

    /** Null when the check cannot tell the two languages apart by script. */
    static TargetScript of(LanguageCode source, LanguageCode target) {
        if (source.script().equals(target.script())) {
            return null;
        }
        return new TargetScript(scripts(target));
    }

    /**
     * The Unicode scripts (ICU {@link UScript} codes) of an NLLB code's ISO 15924 script: several for the
     * writing systems that mix them; empty when ICU does not know the code.
     */
    static Set<Integer> scripts(LanguageCode code) {
        return switch (code.script()) {
            case "Jpan" -> Set.of(UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA);
            case "Hang", "Kore" -> Set.of(UScript.HANGUL, UScript.HAN);
            case "Hans", "Hant" -> Set.of(UScript.HAN);
            default -> {
                int script = UScript.getCodeFromName(code.script());
                yield script == UScript.INVALID_CODE ? Set.of() : Set.of(script);
            }
        };
    }

    /**
     * Kana or Hangul anywhere settle it for Japanese and Korean (no other language writes them, and
     * Japanese text keeps Latin names in it); otherwise at least half of the letters must be in the
     * target's script.
     */
    boolean written(String text) {
        int letters = 0;
        int inTarget = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                int script = UScript.getScript(cp);
                if (scripts.contains(script)) {
                    inTarget++;
                    if (script == UScript.HIRAGANA || script == UScript.KATAKANA || script == UScript.HANGUL) {
                        return true;
                    }
                }
            }
        }
        return inTarget > 0 && 2 * inTarget >= letters;
    }
}
