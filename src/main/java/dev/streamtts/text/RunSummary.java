package dev.streamtts.text;

import dev.streamtts.input.ClaudeEvent;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Says how the run ended, from its {@code result} event: "Done.", "Stopped: it reached the turn limit.",
 * "The run failed: API Error: 529.", with {@link SummaryMode#FULL} "Done after 3 minutes." Never the result's text when the run went well (it repeats the last
 * message); when it failed, only the error's first words.
 */
public final class RunSummary {
    private static final int MAX_ERROR_CHARS = 80;
    /** Where an error message turns into data: a JSON body, a stack trace, a second line. */
    private static final Pattern DATA = Pattern.compile("[{\\[\\n]|\\s+at\\s");

    private final SummaryMode mode;

    public RunSummary(SummaryMode mode) {
        this.mode = mode;
    }

    /** The sentence to speak, or empty under {@link SummaryMode#OFF}. */
    public Optional<String> sentence(ClaudeEvent.Result result) {
        if (mode == SummaryMode.OFF) {
            return Optional.empty();
        }
        String[] how = how(result);
        String took = mode == SummaryMode.FULL && result.durationMillis() >= 0 ? " " + took(result.durationMillis()) : "";
        return Optional.of(how[0] + took + (how[1] == null ? "" : ": " + how[1]) + ".");
    }

    /** What happened, and what it ran into (or null). */
    private static String[] how(ClaudeEvent.Result r) {
        String subtype = r.subtype() == null ? "" : r.subtype();
        switch (subtype) {
            case "error_max_turns":
                return new String[] {"Stopped", "it reached the turn limit"};
            case "error_max_budget_usd":
                return new String[] {"Stopped", "it reached the budget limit"};
            case "error_max_structured_output_retries":
                return new String[] {"The run failed", "it could not produce the structured output"};
            default:
                if ((subtype.equals("success") || subtype.isEmpty()) && !r.isError()) {
                    return new String[] {"Done", null};
                }
                return new String[] {"The run failed", r.errors().isEmpty() ? null : shortError(r.errors().get(0))};
        }
    }

    /** The first words of an error, before any JSON or second line, cut at a word; null when none are left. */
    static String shortError(String error) {
        String s = DATA.split(error, 2)[0].strip();
        if (s.length() > MAX_ERROR_CHARS) {
            int cut = s.lastIndexOf(' ', MAX_ERROR_CHARS);
            s = s.substring(0, cut > 20 ? cut : MAX_ERROR_CHARS);
        }
        s = s.replaceAll("[\\s:;,.\\-–—]+$", "");
        return s.chars().anyMatch(Character::isLetterOrDigit) ? s : null;
    }

    /** "after 45 seconds", "after 3 minutes", "after 1 hour and 5 minutes". */
    static String took(long millis) {
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return "after " + unit(Math.max(seconds, 1), "second");
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return "after " + unit(minutes, "minute");
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return "after " + unit(hours, "hour") + (rest == 0 ? "" : " and " + unit(rest, "minute"));
    }

    private static String unit(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
