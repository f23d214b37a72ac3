package dev.streamtts.input;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tool call of the main agent, reduced to what can name it in a few words: the tool's name and the
 * short input fields that say what it works on ({@link #KEY_FIELDS}), each cut to a bounded length. The
 * rest of the input (file contents, edits, prompts) is never kept, and tool output never reaches here.
 *
 * @param id    the tool_use id, or null when the line has none
 * @param name  the tool's name (Read, Bash, mcp__server__tool, …)
 * @param input the key fields present in the call, by name
 */
public record ToolCall(String id, String name, Map<String, String> input) {
    /** The input fields worth naming a call by; anything else in the input is dropped at parsing. */
    public static final Set<String> KEY_FIELDS = Set.of(
            "file_path", "notebook_path", "path", "command", "pattern", "query", "url", "skill", "subagent_type");
    /** Enough for a command's first words or a file path; a 20 MB heredoc is not kept. */
    static final int MAX_FIELD_CHARS = 1000;

    public ToolCall {
        Objects.requireNonNull(name, "name");
        input = Map.copyOf(input);
    }

    /** The field, or null when the call has none. */
    public String field(String key) {
        return input.get(key);
    }
}
