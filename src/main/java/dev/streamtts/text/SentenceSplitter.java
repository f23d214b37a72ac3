package dev.streamtts.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentence breaking with ICU: its rules already keep decimals, versions, file names and {@code $3.50}
 * together and break after 。！？; {@link Abbreviations} stops it breaking after titles such as "Dr.".
 * Sentences over the length limit are cut at the clause boundary nearest the limit, because one very
 * long sentence would otherwise delay speech and strain the models. Not thread-safe (ICU iterators are not).
 */
public final class SentenceSplitter {
    private static final List<String> NO_BREAK_AFTER = List.of(
            "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "St.", "Mt.", "vs.", "approx.", "Fig.", "Eq.",
            "Inc.", "Ltd.", "Corp.", "Gen.", "Capt.", "Lt.", "Col.", "Sgt.", "Rev.", "Hon.", "Dept.", "Univ.");
    /** Clause ends in order of preference: a cut after ";" sounds better than one after ",". */
    private static final String[][] CLAUSE_MARKS = {
        {"; ", ": ", "；", "："},
        {" — ", " – ", " - "},
        {", ", "、", "，"},
    };

    private final BreakIterator sentences;
    private final Abbreviations abbreviations;
    private final int maxChars;

    public SentenceSplitter(Locale language, int maxChars) {
        ULocale locale = ULocale.forLocale(language);
        this.sentences = BreakIterator.getSentenceInstance(locale);
        this.abbreviations = Abbreviations.of(locale, NO_BREAK_AFTER);
        this.maxChars = maxChars;
    }

    /**
     * The sentences of a text, each trimmed, none longer than the limit, none without a letter, except
     * when the whole text is one number (an answer such as "4" is worth hearing; a stray "1." is not).
     */
    public List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (Piece p : split(text)) {
            out.add(p.text());
        }
        return out;
    }

    List<Piece> split(String text) {
        List<Piece> out = new ArrayList<>();
        sentences.setText(text);
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; end = sentences.next()) {
            if (end < text.length() && abbreviations.endsWordBefore(text, end)) {
                continue;
            }
            splitLong(text, start, end, out);
            start = end;
        }
        if (out.isEmpty() && isStandaloneNumber(text)) {
            out.add(new Piece(text.strip(), text.stripTrailing().length())); // an answer such as "4" or "3.14"
        }
        return out;
    }

    private static boolean isStandaloneNumber(String text) {
        return text.codePoints().anyMatch(Character::isDigit) && text.strip().length() <= 32
                && text.strip().matches("[\\p{N}\\p{P}\\p{Sc}%+\\- ]+") && !text.strip().contains(" ");
    }

    private void splitLong(String text, int start, int end, List<Piece> out) {
        int from = start;
        while (end - from > maxChars) {
            int cut = clauseCut(text, from, from + maxChars);
            add(text, from, cut, out);
            from = cut;
        }
        add(text, from, end, out);
    }

    /** Where to cut text[from, limit): after the last good clause mark, else the last space, else hard. */
    private static int clauseCut(String text, int from, int limit) {
        int minimum = from + (limit - from) / 3; // never leave a tiny head
        int best = Cuts.afterLastMark(text, minimum, limit, CLAUSE_MARKS);
        if (best > 0) {
            return best;
        }
        int space = text.lastIndexOf(' ', limit - 1);
        if (space > minimum) {
            return space + 1;
        }
        int cut = limit;
        if (Character.isLowSurrogate(text.charAt(cut)) && cut > from + 1) {
            cut--; // don't split a surrogate pair
        }
        return cut;
    }

    private static void add(String text, int from, int to, List<Piece> out) {
        String s = text.substring(from, to).strip();
        if (hasLetter(s)) {
            int end = to;
            while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            out.add(new Piece(s, end));
        }
    }

    static boolean hasLetter(String s) {
        return s.codePoints().anyMatch(Character::isLetter);
    }
}
