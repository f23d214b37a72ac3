package dev.streamtts.text;

/**
 * A sentence cut from a longer text.
 *
 * @param text the sentence, trimmed
 * @param end  offset in the source text just after the sentence's last non-space character
 */
record Piece(String text, int end) {
}
