package dev.streamtts.text;

/** What is said when the run ends (from the stream's {@code result} event). */
public enum SummaryMode {
    /** Nothing. */
    OFF,
    /** How it ended: "Done.", "Stopped: it reached the turn limit.", "The run failed: …". */
    BRIEF,
    /** How it ended and how long it took. */
    FULL
}
