package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.input.ActivityListener;
import dev.streamtts.input.ClaudeEvent;
import dev.streamtts.input.InputCounters;
import dev.streamtts.input.InputOptions;
import dev.streamtts.input.ProseListener;
import dev.streamtts.input.StreamJsonReader;
import dev.streamtts.input.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    /** The result events of results.jsonl: one of each subtype, as Claude Code writes them. */
    static List<ClaudeEvent.Result> results() throws IOException {
        List<ClaudeEvent.Result> out = new ArrayList<>();
        new StreamJsonReader(new InputOptions(1 << 20, false), new ProseListener() {
            @Override
            public void text(String key, String markdown) {
            }

            @Override
            public void endOfBlock(String key) {
            }

            @Override
            public void flush() {
            }
        }, new ActivityListener() {
            @Override
            public void toolCall(ToolCall call) {
            }

            @Override
            public void runEnded(ClaudeEvent.Result result) {
                out.add(result);
            }
        }, new InputCounters()).readAll(RunSummaryTest.class.getResourceAsStream("/streams/results.jsonl"));
        return out;
    }

    @Test
    void briefSaysHowEachKindOfRunEnded() throws IOException {
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
    void fullSaysHowLongItTook() throws IOException {
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
    void offSaysNothingAndAnErrorIsCutShort() throws IOException {
        assertThat(new RunSummary(SummaryMode.OFF).sentence(results().get(0))).isEqualTo(Optional.empty());
        assertThat(new RunSummary(SummaryMode.BRIEF).sentence(
                new ClaudeEvent.Result("error_during_execution", true, 10, List.of()))).contains("The run failed.");
        assertThat(RunSummary.shortError("Error: something broke\n    at foo (bar.js:1:2)")).isEqualTo("Error: something broke");
        assertThat(RunSummary.shortError("{\"error\":1}")).isNull();
        assertThat(RunSummary.shortError("word ".repeat(40))).hasSizeLessThanOrEqualTo(80);
    }
}
