package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.input.ClaudeEvent;
import dev.streamtts.input.Recorded;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    /** The result events of results.jsonl: one of each subtype, as Claude Code writes them. */
    static List<ClaudeEvent.Result> results() {
        return Recorded.resource("results.jsonl").results;
    }

    @Test
    void briefSaysHowEachKindOfRunEnded() {
        RunSummary brief = new RunSummary(SummaryMode.BRIEF);
        assertThat(results()).extracting(r -> brief.sentence(r).orElseThrow()).containsExactly(
                "Done.",
                "Stopped: it reached the turn limit.",
                "The run failed: Connection error: unable to reach api.anthropic.com.",
                "Stopped: it reached the budget limit.",
                "The run failed: API Error: 529.",
                "The run failed: it could not produce the structured output.");
    }

    @Test
    void fullSaysHowLongItTook() {
        RunSummary full = new RunSummary(SummaryMode.FULL);
        assertThat(results()).extracting(r -> full.sentence(r).orElseThrow()).containsExactly(
                "Done after 2 seconds.",
                "Stopped after 3 minutes: it reached the turn limit.",
                "The run failed after 4 seconds: Connection error: unable to reach api.anthropic.com.",
                "Stopped after 1 hour: it reached the budget limit.",
                "The run failed after 1 second: API Error: 529.",
                "The run failed after 1 minute: it could not produce the structured output.");
        assertThat(RunSummary.took(3_905_000)).isEqualTo("after 1 hour and 5 minutes");
    }

    @Test
    void offSaysNothingAndAnErrorIsCutShort() {
        assertThat(new RunSummary(SummaryMode.OFF).sentence(results().get(0))).isEqualTo(Optional.empty());
        assertThat(new RunSummary(SummaryMode.BRIEF).sentence(
                new ClaudeEvent.Result("error_during_execution", true, 10, List.of()))).contains("The run failed.");
        assertThat(RunSummary.shortError("Error: something broke\n    at foo (bar.js:1:2)")).isEqualTo("Error: something broke");
        assertThat(RunSummary.shortError("{\"error\":1}")).isNull();
        assertThat(RunSummary.shortError("word ".repeat(40))).hasSizeLessThanOrEqualTo(80);
    }
}
