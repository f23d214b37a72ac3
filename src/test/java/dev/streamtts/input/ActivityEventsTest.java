package dev.streamtts.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The main agent's tool calls and the run's end reach the activity listener; nothing else of a tool does. */
class ActivityEventsTest {

    @Test
    void everyMainAgentToolCallArrivesOnceWithOnlyItsKeyFields() {
        Recorded r = Recorded.resource("activity.jsonl");
        assertThat(r.calls).extracting(ToolCall::name).containsExactly("Read", "Read", "Grep", "Glob", "Edit",
                "Write", "Bash", "Bash", "TodoWrite", "Task", "WebFetch", "mcp__github__create_issue");
        assertThat(r.calls.get(0).input()).containsOnlyKeys("file_path").containsEntry("file_path", "/srv/app/README.md");
        assertThat(r.calls.get(2).input()).containsOnlyKeys("pattern", "path");
        assertThat(r.calls.get(9).input()).containsOnlyKeys("subagent_type"); // not its prompt
        // Edits, file contents, prompts, to-dos, issue titles and tool output never get this far (a command
        // does, whole, for its first words to be found; it is never spoken).
        assertThat(r.calls.toString()).doesNotContain("EDIT_TEXT", "WRITTEN_FILE_CONTENT", "SECRET_TASK_ITEM",
                "SECRET_AGENT_PROMPT", "SECRET_FETCH_PROMPT", "SECRET_ISSUE_TITLE", "SECRET_TOOL_OUTPUT");
    }

    @Test
    void aSubagentsToolCallsAreNotTheMainAgentsEvenWhenItsTextIsSpoken() {
        Recorded r = Recorded.of(getClass().getResourceAsStream("/streams/activity.jsonl"), true);
        assertThat(r.calls).extracting(c -> c.field("file_path")).doesNotContain("/srv/app/config.yaml");
    }

    @Test
    void theResultComesAfterTheProseIsFlushedWithoutItsRepeatedText() {
        Recorded r = Recorded.resource("activity.jsonl");
        assertThat(r.heard).containsSubsequence("text:The parser is fixed and committed.", "flush", "result");
        assertThat(r.results).containsExactly(new ClaudeEvent.Result("success", false, 185000, List.of()));
    }

    @Test
    void aFailedRunsErrorsAreKeptAndSoIsTheResultTextThatIsItsError() {
        Recorded r = Recorded.resource("results.jsonl");
        assertThat(r.results).extracting(ClaudeEvent.Result::subtype).containsExactly("success", "error_max_turns",
                "error_during_execution", "error_max_budget_usd", "success", "error_max_structured_output_retries");
        assertThat(r.results.get(0).errors()).isEmpty(); // "4": the answer, said already
        assertThat(r.results.get(2).errors()).containsExactly("Connection error: unable to reach api.anthropic.com");
        assertThat(r.results.get(4).isError()).isTrue();
        assertThat(r.results.get(4).errors().get(0)).startsWith("API Error: 529");
    }
}
