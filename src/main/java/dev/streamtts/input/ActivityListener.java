package dev.streamtts.input;

/**
 * Receives what the main agent does besides writing prose: its tool calls, and the end of the run. Called
 * on the reader thread, in stream order with the {@link ProseListener}'s calls.
 */
public interface ActivityListener {
    /** Hears nothing: for readers that want only the prose. */
    ActivityListener NONE = new ActivityListener() {
        @Override
        public void toolCall(ToolCall call) {
        }

        @Override
        public void runEnded(ClaudeEvent.Result result) {
        }
    };

    /** A tool call of the main agent (never a subagent's), once per call. */
    void toolCall(ToolCall call);

    /** The {@code result} event: after the prose before it was flushed. */
    void runEnded(ClaudeEvent.Result result);
}
