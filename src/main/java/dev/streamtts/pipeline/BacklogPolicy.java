package dev.streamtts.pipeline;

/** What to do when speech falls behind the text. */
public enum BacklogPolicy {
    /** Speak every sentence, however late (the default). */
    SPEAK_ALL,
    /** Drop sentences that have waited longer than the limit, and say how many. */
    CATCH_UP
}
