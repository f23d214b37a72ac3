package dev.streamtts.text;

import java.util.Locale;
import java.util.Objects;

/**
 * Options of the text stage.
 *
 * @param codeBlocks       skip code blocks or announce them
 * @param codeNotice       the notice spoken for a code block under {@link CodeBlockPolicy#ANNOUNCE}
 * @param maxSentenceChars longer sentences are split at clause boundaries
 * @param language         language of the prose, for sentence breaking rules
 */
public record TextOptions(CodeBlockPolicy codeBlocks, String codeNotice, int maxSentenceChars, Locale language) {
    public TextOptions {
        Objects.requireNonNull(codeBlocks, "codeBlocks");
        Objects.requireNonNull(codeNotice, "codeNotice");
        Objects.requireNonNull(language, "language");
        if (maxSentenceChars < 40) {
            throw new IllegalArgumentException("maxSentenceChars must be at least 40: " + maxSentenceChars);
        }
    }

    public static TextOptions defaults() {
        return new TextOptions(CodeBlockPolicy.SKIP, "Code omitted.", 300, Locale.ENGLISH);
    }
}
