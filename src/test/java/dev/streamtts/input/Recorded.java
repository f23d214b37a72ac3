package dev.streamtts.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool calls and results of a stream, as the real reader hands them on, and the order of all it
 * heard ("text:…", "flush", "result"), for tests.
 */
public final class Recorded implements ActivityListener, ProseListener {
    public final List<ToolCall> calls = new ArrayList<>();
    public final List<ClaudeEvent.Result> results = new ArrayList<>();
    final List<String> heard = new ArrayList<>();

    public static Recorded of(InputStream in) {
        return of(in, false);
    }

    static Recorded of(InputStream in, boolean subagents) {
        Recorded r = new Recorded();
        try {
            new StreamJsonReader(new InputOptions(1 << 20, subagents), r, r, new InputCounters()).readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    public static Recorded resource(String name) {
        return of(Recorded.class.getResourceAsStream("/streams/" + name));
    }

    @Override
    public void toolCall(ToolCall call) {
        calls.add(call);
    }

    @Override
    public void runEnded(ClaudeEvent.Result result) {
        results.add(result);
        heard.add("result");
    }

    @Override
    public void text(String blockKey, String markdown) {
        heard.add("text:" + markdown);
    }

    @Override
    public void endOfBlock(String blockKey) {
    }

    @Override
    public void flush() {
        heard.add("flush");
    }
}
