package dev.streamtts.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How the stages are joined.
 *
 * @param backlog          what to do when speech falls behind
 * @param catchUpAfter     under {@link BacklogPolicy#CATCH_UP}, sentences older than this are skipped
 * @param sentenceSilence  silence between two sentences, in seconds
 * @param fadeMillis       fade at both ends of each sentence, against clicks
 * @param queueCapacity    size of the queues between translate, synthesize and play
 * @param chunk            synthesize a sentence in clause-sized pieces, playing the first while the next
 *                         is synthesized
 */
public record PipelineOptions(BacklogPolicy backlog, Duration catchUpAfter, double sentenceSilence,
                              double fadeMillis, int queueCapacity, boolean chunk) {
    public PipelineOptions {
        Objects.requireNonNull(backlog, "backlog");
        Objects.requireNonNull(catchUpAfter, "catchUpAfter");
        if (sentenceSilence < 0 || fadeMillis < 0 || queueCapacity < 1) {
            throw new IllegalArgumentException("invalid pipeline options: " + backlog + ", " + sentenceSilence
                    + ", " + fadeMillis + ", " + queueCapacity);
        }
    }

    /** Sentences in pieces, the default. */
    public PipelineOptions(BacklogPolicy backlog, Duration catchUpAfter, double sentenceSilence, double fadeMillis,
                           int queueCapacity) {
        this(backlog, catchUpAfter, sentenceSilence, fadeMillis, queueCapacity, true);
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(BacklogPolicy.SPEAK_ALL, Duration.ofSeconds(30), 0.2, 5, 2, true);
    }

    public PipelineOptions withChunk(boolean on) {
        return new PipelineOptions(backlog, catchUpAfter, sentenceSilence, fadeMillis, queueCapacity, on);
    }
}
