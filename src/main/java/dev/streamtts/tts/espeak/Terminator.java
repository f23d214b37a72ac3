package dev.streamtts.tts.espeak;

/**
 * How a clause ended, recovered from the text espeak-ng consumed for it: what Piper appends to the
 * clause's phonemes, and whether it ends a sentence (espeak's CLAUSE_* flags, as far as text shows them).
 */
record Terminator(String appended, boolean endsSentence) {
    private static final Terminator NONE = new Terminator("", false);
    private static final Terminator SENTENCE_END = new Terminator("", true);

    /**
     * @param consumed   the text of the clause as espeak consumed it
     * @param lookAhead  espeak went on reading: the last character belongs to the next clause
     */
    static Terminator of(String consumed, boolean lookAhead) {
        String s = consumed;
        if (lookAhead && !s.isEmpty()) {
            s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
        }
        String trimmed = s.stripTrailing();
        if (trimmed.isEmpty()) {
            return lookAhead ? NONE : SENTENCE_END;
        }
        String after = s.substring(trimmed.length());
        int last = trimmed.codePointBefore(trimmed.length());
        if (trimmed.endsWith("...") || last == '…') {
            return NONE; // an ellipsis pauses without ending the sentence
        }
        boolean paragraph = after.chars().filter(c -> c == '\n').count() >= 2;
        return switch (last) {
            case '.' -> paragraph ? SENTENCE_END : new Terminator(".", true);
            case '?' -> paragraph ? SENTENCE_END : new Terminator(firstOfRun(trimmed), true);
            case '!' -> paragraph ? SENTENCE_END : new Terminator(firstOfRun(trimmed), true);
            case ',' -> new Terminator(", ", false);
            case ':' -> new Terminator(": ", false);
            case ';', '—' -> new Terminator("; ", false);
            case '。', '？', '！', '｡' -> SENTENCE_END;
            default -> lookAhead ? NONE : SENTENCE_END;
        };
    }

    /** In "?!" or "!?" the first mark is the one espeak acts on. */
    private static String firstOfRun(String s) {
        int i = s.length();
        while (i > 0 && (s.charAt(i - 1) == '?' || s.charAt(i - 1) == '!')) {
            i--;
        }
        return String.valueOf(s.charAt(i));
    }
}
