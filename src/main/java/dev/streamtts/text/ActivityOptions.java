package dev.streamtts.text;

import java.time.Duration;
import java.util.Objects;

/**
 * What is said besides the prose.
 *
 * @param activity which tool calls of the main agent are announced
 * @param quiet    under {@link ActivityMode#BRIEF}, how long nothing must have been spoken first
 * @param summary  what is said when the run ends
 */
public record ActivityOptions(ActivityMode activity, Duration quiet, SummaryMode summary) {
    public ActivityOptions {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(summary, "summary");
    }

    /** Prose only. */
    public static ActivityOptions off() {
        return new ActivityOptions(ActivityMode.OFF, Duration.ofSeconds(8), SummaryMode.OFF);
    }
}
