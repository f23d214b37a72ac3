package dev.streamtts.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts a sentence to speak into clause-sized pieces, so that the first piece can be heard while the
 * rest is still being synthesized. The first piece is short (about {@value #FIRST_SECONDS} s of speech);
 * each later one merges clauses up to twice the length of the piece before it, so that it is ready
 * before that one has played even on a voice that runs at half real time. No piece is so short that it
 * sounds clipped (under {@value #MIN_SECONDS} s, or under {@value #MIN_WORDS} words in a script with
 * spaces): such a piece stays joined to its neighbour.
 *
 * <p>Cuts fall only after clause punctuation (、，；： , ; : — … and a mid-sentence 。！？ ! ?), never inside a
 * word, a number (1,000; 10:30; 1990–2000) or a quoted or bracketed span. A sentence without such a
 * boundary stays whole. Lengths are estimated from the text: morae for kana and kanji, syllables for
 * alphabetic words. Stateless, so safe to share between threads.
 */
public final class ClauseSplitter {
    static final double FIRST_SECONDS = 1.2;
    static final double MIN_SECONDS = 0.8;
    static final int MIN_WORDS = 3;
    /** A later piece is at most this many times as long as the one before it. */
    static final double GROWTH = 2.0;

    private static final double MORA_SECONDS = 0.12;
    private static final double SYLLABLE_SECONDS = 0.2;
    private static final double DIGIT_SECONDS = 0.25;
    private static final double HANGUL_SECONDS = 0.15;

    private static final String OPENERS = "([{「『（【〔《〈［｛“‘«";
    private static final String CLOSERS = ")]}」』）】〕》〉］｝”’»";
    private static final String SMALL_KANA = "ぁぃぅぇぉゃゅょゎゕゖァィゥェォャュョヮヵヶ";
    private static final String LATIN_VOWELS = "aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿ";

    /** A run of the sentence between two boundaries, with its estimated length. */
    private record Span(int start, int end, double seconds, int words, boolean cjk) {
        Span join(Span next) {
            return new Span(start, next.end, seconds + next.seconds, words + next.words, cjk || next.cjk);
        }

        boolean enough() {
            return seconds >= MIN_SECONDS && (cjk || words >= MIN_WORDS);
        }
    }

    /** The pieces of {@code sentence}, in order; the sentence itself when it is not worth cutting. */
    public List<String> pieces(String sentence) {
        List<Integer> cuts = boundaries(sentence);
        if (cuts.isEmpty()) {
            return List.of(sentence);
        }
        List<Span> spans = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            spans.add(span(sentence, from, cut));
            from = cut;
        }
        spans.add(span(sentence, from, sentence.length()));

        List<Span> pieces = new ArrayList<>();
        int i = 0;
        Span current = spans.get(i++);
        while (i < spans.size() && !(current.enough() && current.seconds >= FIRST_SECONDS)) {
            current = current.join(spans.get(i++));
        }
        pieces.add(current);
        while (i < spans.size()) {
            double limit = GROWTH * pieces.get(pieces.size() - 1).seconds;
            current = spans.get(i++);
            while (i < spans.size() && (!current.enough() || current.seconds + spans.get(i).seconds <= limit)) {
                current = current.join(spans.get(i++));
            }
            pieces.add(current);
        }
        if (pieces.size() > 1 && !pieces.get(pieces.size() - 1).enough()) {
            Span tail = pieces.remove(pieces.size() - 1);
            pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1).join(tail));
        }
        if (pieces.size() == 1) {
            return List.of(sentence);
        }
        List<String> out = new ArrayList<>(pieces.size());
        for (Span p : pieces) {
            out.add(sentence.substring(p.start, p.end).strip());
        }
        return out;
    }

    /** Offsets where a piece may start: just after a clause mark (and the closers and spaces after it). */
    static List<Integer> boundaries(String s) {
        List<Integer> out = new ArrayList<>();
        Deque<Character> open = new ArrayDeque<>(); // the closer each open span waits for
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (!open.isEmpty() && open.peek() == '"') {
                    open.pop();
                } else {
                    open.push('"');
                }
                continue;
            }
            int opener = OPENERS.indexOf(c);
            if (opener >= 0) {
                open.push(CLOSERS.charAt(opener));
                continue;
            }
            if (CLOSERS.indexOf(c) >= 0) {
                if (open.contains(c)) { // a stray closer (’ as an apostrophe) closes nothing
                    while (open.pop() != c) {
                        // spans opened inside and never closed end with the one that encloses them
                    }
                }
                continue;
            }
            if (!open.isEmpty() || !isClauseEnd(s, i)) {
                continue;
            }
            int end = i + 1;
            while (end < s.length() && (CLOSERS.indexOf(s.charAt(end)) >= 0 || Character.isWhitespace(s.charAt(end)))) {
                end++;
            }
            if (end < s.length() && (out.isEmpty() || out.get(out.size() - 1) < end)) {
                out.add(end);
            }
        }
        return out;
    }

    /** True when the character at {@code i} ends a clause that the next piece may follow. */
    private static boolean isClauseEnd(String s, int i) {
        char c = s.charAt(i);
        char prev = i > 0 ? s.charAt(i - 1) : ' ';
        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        boolean spaceAfter = Character.isWhitespace(next);
        switch (c) {
            case '、', '，', '；', '：' -> {
                return !(Character.isDigit(prev) && Character.isDigit(next)); // 1，000
            }
            case '。', '！', '？' -> {
                return true;
            }
            case ',', ';', ':', '!', '?' -> {
                // 1,000 and 10:30 and URLs have no space after; Japanese text may have none either
                return spaceAfter || (isCjk(next) && !Character.isDigit(prev));
            }
            case '…' -> {
                return spaceAfter || isCjk(next);
            }
            case '—', '―' -> {
                return next != c && !(Character.isDigit(prev) && Character.isDigit(next)); // a run of dashes: after the last
            }
            case '–', '-' -> {
                return Character.isWhitespace(prev) && spaceAfter; // only a spaced dash; 1990–2000, well-known stay
            }
            default -> {
                return false;
            }
        }
    }

    private static Span span(String s, int start, int end) {
        double seconds = 0;
        int words = 0;
        boolean cjk = false;
        boolean inWord = false;
        int letters = 0;
        int vowelGroups = 0;
        boolean lastVowel = false;
        for (int i = start; i < end; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean kana = script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
            boolean han = script == Character.UnicodeScript.HAN;
            if (kana || han) {
                cjk = true;
                seconds += han ? 2 * MORA_SECONDS : SMALL_KANA.indexOf(cp) >= 0 || cp == '・' ? 0 : MORA_SECONDS;
            } else if (script == Character.UnicodeScript.HANGUL) {
                seconds += HANGUL_SECONDS;
            } else if (Character.isDigit(cp)) {
                seconds += DIGIT_SECONDS;
            }
            boolean wordChar = Character.isLetterOrDigit(cp) || (inWord && i < end && (cp == '\'' || cp == '’'
                    || ((cp == ',' || cp == '.') && Character.isDigit(s.codePointBefore(i - 1))
                            && Character.isDigit(s.codePointAt(i))))); // don't, 1,000 and 3.5 are one word
            if (wordChar && !inWord) {
                words++;
                letters = 0;
                vowelGroups = 0;
                lastVowel = false;
            }
            if (wordChar && Character.isLetter(cp) && !kana && !han && script != Character.UnicodeScript.HANGUL) {
                letters++;
                boolean vowel = LATIN_VOWELS.indexOf(Character.toLowerCase(cp)) >= 0;
                if (vowel && !lastVowel) {
                    vowelGroups++;
                }
                lastVowel = vowel;
            }
            if (!wordChar && inWord) {
                seconds += wordSeconds(letters, vowelGroups);
            }
            inWord = wordChar;
        }
        if (inWord) {
            seconds += wordSeconds(letters, vowelGroups);
        }
        return new Span(start, end, seconds, words, cjk);
    }

    /** An alphabetic word: one syllable per vowel group, or one per three letters where no vowel is known. */
    private static double wordSeconds(int letters, int vowelGroups) {
        if (letters == 0) {
            return 0;
        }
        return SYLLABLE_SECONDS * (vowelGroups > 0 ? vowelGroups : Math.max(1, letters / 3));
    }

    private static boolean isCjk(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HAN;
    }

    /** Estimated speaking time of a text, for tests and tuning. */
    static double seconds(String text) {
        return span(text, 0, text.length()).seconds;
    }
}
