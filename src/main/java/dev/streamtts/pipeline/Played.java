package dev.streamtts.pipeline;

/**
 * One sentence as it went through the stages, for benchmarks and diagnostics: every time is the
 * pipeline's clock, {@link System#nanoTime()} in the product. A sentence synthesized in pieces is still one {@code Played}, told once its
 * last piece went to the sink.
 *
 * @param lastInputNanos     the last character of the sentence arrived on stdin
 * @param readyNanos         the sentence was closed and queued for translation
 * @param translateStartNanos translation began (after waiting in the queue)
 * @param translatedNanos    the translation was done (or skipped)
 * @param synthStartNanos    synthesis began
 * @param synthesizedNanos   the first sample was ready: the first piece was synthesized
 * @param heardNanos         the sink's estimate of when its first sample is heard
 * @param seconds            length of the sentence's audio, all pieces together
 * @param synthesisNanos     time the voice spent on the sentence, all pieces together
 * @param pieces             how many pieces it was synthesized in (1: whole)
 */
public record Played(long seq, String speech, long lastInputNanos, long readyNanos, long translateStartNanos,
                     long translatedNanos, long synthStartNanos, long synthesizedNanos, long heardNanos,
                     double seconds, long synthesisNanos, int pieces) {
}
