package dev.streamtts.pipeline;

import java.util.Objects;

/**
 * A sentence to speak, as it leaves the text stage.
 *
 * @param seq            its number in the run, from 1, in speaking order
 * @param text           speakable source-language text
 * @param lastInputNanos when its last character arrived on stdin (the pipeline's clock)
 * @param readyNanos     when the text stage released it
 * @param kind           what it says: prose, or a phrase of stream-tts's own
 */
public record Sentence(long seq, String text, long lastInputNanos, long readyNanos, Kind kind) {

    /** What a sentence says, which decides what goes first when speech is behind. */
    public enum Kind {
        /** The agent's own prose. */
        PROSE,
        /** A phrase naming what the agent does ("Reading README.md."): dropped first when speech is behind. */
        ACTIVITY,
        /** How the run ended ("Done."). */
        SUMMARY
    }

    public Sentence {
        Objects.requireNonNull(kind, "kind");
    }

    /** A sentence of prose. */
    public Sentence(long seq, String text, long lastInputNanos, long readyNanos) {
        this(seq, text, lastInputNanos, readyNanos, Kind.PROSE);
    }
}
