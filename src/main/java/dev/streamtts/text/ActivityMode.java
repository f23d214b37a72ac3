package dev.streamtts.text;

/** Which of the main agent's tool calls are spoken. */
public enum ActivityMode {
    /** None. */
    OFF,
    /** One phrase, for a burst of calls, only after a silence. */
    BRIEF,
    /** Every call. */
    ALL
}
