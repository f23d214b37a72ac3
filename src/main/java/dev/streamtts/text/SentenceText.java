package dev.streamtts.text;

/**
 * A finished sentence of speakable text.
 *
 * @param text           the sentence
 * @param lastInputNanos {@link System#nanoTime()} when its last character arrived on stdin
 */
public record SentenceText(String text, long lastInputNanos) {
}
