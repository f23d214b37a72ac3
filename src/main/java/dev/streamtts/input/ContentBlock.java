package dev.streamtts.input;

/** One element of an API message's {@code content} array, reduced to what speech needs. */
public sealed interface ContentBlock {

    /** Assistant prose (Markdown). */
    record Text(String text) implements ContentBlock {
    }

    /** A tool_use block, reduced to its name and key input fields. */
    record ToolUse(ToolCall call) implements ContentBlock {
    }

    /** Anything else: thinking, redacted_thinking, tool_result, image, unknown types. */
    record Other(String type) implements ContentBlock {
    }
}
