package dev.streamtts.input;

import java.util.List;

/**
 * The events of Claude Code's stream-json that matter for speech. Everything the reader does not need
 * becomes {@link Ignored}; nothing here ever carries tool output or thinking text, and of tool input only
 * the few short fields of a {@link ToolCall}.
 */
public sealed interface ClaudeEvent {

    /**
     * A complete {@code assistant} line (or a bare message from old CLIs and the smoke format).
     *
     * @param messageId       the API message id, or null when the line has none
     * @param parentToolUseId non-null for subagent messages
     */
    record AssistantMessage(String messageId, String parentToolUseId, List<ContentBlock> content)
            implements ClaudeEvent {
        public AssistantMessage {
            content = List.copyOf(content);
        }
    }

    /** {@code stream_event/message_start}: the id of the message whose deltas follow. */
    record MessageStart(String messageId, String parentToolUseId) implements ClaudeEvent {
    }

    /** {@code stream_event/content_block_start}. */
    record BlockStart(int index, String blockType, String parentToolUseId) implements ClaudeEvent {
    }

    /** {@code stream_event/content_block_delta} with a {@code text_delta}. */
    record TextDelta(int index, String text, String parentToolUseId) implements ClaudeEvent {
    }

    /** {@code stream_event/content_block_stop}. */
    record BlockStop(int index, String parentToolUseId) implements ClaudeEvent {
    }

    /** {@code stream_event/message_stop}. */
    record MessageStop(String parentToolUseId) implements ClaudeEvent {
    }

    /**
     * {@code result}: the run ended. Its {@code result} text repeats the last message and is not kept,
     * except when the run failed with no {@code errors}: then that text is the error.
     *
     * @param subtype        success, error_max_turns, error_during_execution, …; null when absent
     * @param isError        the event's {@code is_error}
     * @param durationMillis the run's {@code duration_ms}, or -1 when absent
     * @param errors         what went wrong, as the CLI says it (each cut to a bounded length)
     */
    record Result(String subtype, boolean isError, long durationMillis, List<String> errors) implements ClaudeEvent {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /** A known line that carries nothing to speak (system, user, other deltas, …). */
    record Ignored(String type) implements ClaudeEvent {
    }

    /** A JSON object whose type this reader does not know. */
    record Unknown(String type) implements ClaudeEvent {
    }
}
