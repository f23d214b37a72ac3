package dev.streamtts.pipeline;

/**
 * A sentence to speak, as it leaves the text stage.
 *
 * @param seq            its number in the run, from 1, in speaking order
 * @param text           speakable source-language text
 * @param lastInputNanos when its last character arrived on stdin (the pipeline's clock)
 * @param readyNanos     when the text stage released it
 */
public record Sentence(long seq, String text, long lastInputNanos, long readyNanos) {
}
