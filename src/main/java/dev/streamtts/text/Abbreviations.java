package dev.streamtts.text;

import com.ibm.icu.impl.ICUData;
import com.ibm.icu.util.UResourceBundle;
import com.ibm.icu.util.ULocale;
import java.util.HashSet;
import java.util.List;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words after which a full stop does not end a sentence ("Dr.", "Jan.", "U.S."): the language's list
 * from CLDR, as ICU ships it, and ours. Matched as whole words, unlike ICU's own filter, which matches
 * the end of a word and so kept "…sits on HEAD. There are…" together because of "AD.".
 */
final class Abbreviations {
    /**
     * CLDR's "OK.", "MR.", "PC." and "B.": in an agent's prose these are words ("it works OK.", "option
     * B.") far more often than abbreviations, so they end a sentence. "U.S." and "Ph.D." stay.
     */
    private static final Pattern ALL_CAPITALS = Pattern.compile("\\p{Lu}+\\.");
    private final Set<String> words;

    private Abbreviations(Set<String> words) {
        this.words = words;
    }

    static Abbreviations of(ULocale locale, List<String> extra) {
        Set<String> words = new HashSet<>(extra);
        try {
            UResourceBundle list = UResourceBundle.getBundleInstance(ICUData.ICU_BRKITR_BASE_NAME, locale)
                    .get("exceptions").get("SentenceBreak");
            for (int i = 0; i < list.getSize(); i++) {
                String word = list.getString(i);
                if (!ALL_CAPITALS.matcher(word).matches()) {
                    words.add(word);
                }
            }
        } catch (MissingResourceException e) {
            // CLDR has no list for this language: ours alone
        }
        return new Abbreviations(words);
    }

    /** Whether the word that ends just before {@code end} (trailing spaces aside) is an abbreviation. */
    boolean endsWordBefore(CharSequence text, int end) {
        int to = end;
        while (to > 0 && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        int from = to;
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        while (from < to && "(\"'“‘[".indexOf(text.charAt(from)) >= 0) {
            from++;
        }
        return from < to && words.contains(text.subSequence(from, to).toString());
    }
}
