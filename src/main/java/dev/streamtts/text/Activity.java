package dev.streamtts.text;

import dev.streamtts.input.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * When the agent's tool calls are spoken. {@link ActivityMode#ALL}: each at once. {@link ActivityMode#BRIEF}:
 * calls are gathered into a burst (those within {@link #BURST_NANOS} of its first), and the burst is said
 * as one phrase ("Reading three files") only once nothing was spoken for the quiet time; the start of the
 * run counts as silence. Prose spoken after a burst makes it old news: it is forgotten.
 *
 * <p>Time comes in as arguments (nanoseconds of one clock), so this needs no thread of its own; the
 * caller calls {@link #tick} often. Thread-safe: calls and ticks may come from different threads.
 */
public final class Activity {
    /** Calls this close to a burst's first call join it: a model's parallel calls come within milliseconds. */
    public static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    private final ActivityMode mode;
    private final long quietNanos;
    private final ActivityPhrases phrases = new ActivityPhrases();
    private final List<ToolCall> burst = new ArrayList<>();
    private long burstStart;
    private long lastSpoken;
    private boolean spokeYet;

    public Activity(ActivityMode mode, long quietNanos) {
        this.mode = mode;
        this.quietNanos = quietNanos;
    }

    /** A tool call of the main agent: its phrase when it is to be said now. */
    public synchronized Optional<String> toolCall(ToolCall call, long now) {
        switch (mode) {
            case OFF:
                return Optional.empty();
            case ALL:
                spoke(now);
                return Optional.of(sentence(phrases.phrase(call)));
            default:
                if (burst.isEmpty()) {
                    burstStart = now;
                }
                burst.add(call);
                return tick(now);
        }
    }

    /** Something was said: the silence is broken, and the calls gathered before it are forgotten. */
    public synchronized void spoke(long now) {
        speaking(now);
        burst.clear();
    }

    /** Speech is still going on (sentences wait or play): no silence yet, but the burst is kept. */
    public synchronized void speaking(long now) {
        lastSpoken = now;
        spokeYet = true;
    }

    /** The burst's phrase, when it is complete and the silence long enough; called often. */
    public synchronized Optional<String> tick(long now) {
        if (burst.isEmpty() || now - burstStart < BURST_NANOS || spokeYet && now - lastSpoken < quietNanos) {
            return Optional.empty();
        }
        String phrase = sentence(phrases.phrase(burst));
        spoke(now);
        return Optional.of(phrase);
    }

    /** The run ended: what was not said is not said any more. */
    public synchronized void end() {
        burst.clear();
    }

    private static String sentence(String phrase) {
        return phrase + ".";
    }
}
