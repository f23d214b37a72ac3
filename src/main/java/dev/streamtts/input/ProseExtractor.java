package dev.streamtts.input;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the main thread's assistant prose and speaks each text block exactly once; hands the main
 * thread's tool calls (each once) and the run's end to an {@link ActivityListener}.
 *
 * <p>With partial messages on, a block arrives twice: as {@code text_delta}s and as a complete
 * {@code assistant} line, in either order. Both are matched by message id plus the block's rank among
 * the message's <em>text</em> blocks (stream events number all blocks, assistant lines restart at 0 on
 * every line; counting only text blocks makes the two agree even when a thinking block is never sent as
 * its own line). Whatever one source already delivered is not delivered again: if the deltas came first,
 * the complete block adds only what they missed.
 */
public final class ProseExtractor {
    private static final Logger log = LoggerFactory.getLogger(ProseExtractor.class);
    private static final int MAX_TRACKED = 512;

    private final ProseListener listener;
    private final ActivityListener activity;
    private final InputCounters counters;
    private final boolean speakSubagents;

    private final Map<String, Block> blocks = lru();
    private final Map<String, Integer> assistantTextRank = lru();
    /** Tool calls already announced, by id: a CLI may send a message's blocks again on a later line. */
    private final Map<String, Boolean> toolCallsSeen = lru();
    private final Map<Integer, String> streamIndexToKey = new HashMap<>();
    private String streamMessageId;
    private int streamTextRank;
    private long anonymous;

    public ProseExtractor(ProseListener listener, InputCounters counters, boolean speakSubagents) {
        this(listener, ActivityListener.NONE, counters, speakSubagents);
    }

    public ProseExtractor(ProseListener listener, ActivityListener activity, InputCounters counters,
                          boolean speakSubagents) {
        this.listener = listener;
        this.activity = activity;
        this.counters = counters;
        this.speakSubagents = speakSubagents;
    }

    public void accept(ClaudeEvent event) {
        // Java 17: no pattern switch yet, so an instanceof chain in the order events usually come.
        if (event instanceof ClaudeEvent.TextDelta d) {
            if (wanted(d.parentToolUseId())) {
                delta(d);
            }
        } else if (event instanceof ClaudeEvent.AssistantMessage m) {
            assistant(m);
        } else if (event instanceof ClaudeEvent.MessageStart s) {
            if (wanted(s.parentToolUseId())) {
                streamMessageId = s.messageId() != null ? s.messageId() : "stream-" + (++anonymous);
                streamTextRank = 0;
                streamIndexToKey.clear();
            }
        } else if (event instanceof ClaudeEvent.BlockStart s) {
            if (wanted(s.parentToolUseId()) && "text".equals(s.blockType())) {
                streamIndexToKey.put(s.index(), key(currentStreamMessage(), streamTextRank++));
            }
        } else if (event instanceof ClaudeEvent.BlockStop s) {
            String key = wanted(s.parentToolUseId()) ? streamIndexToKey.get(s.index()) : null;
            if (key != null) {
                listener.endOfBlock(key);
            }
        } else if (event instanceof ClaudeEvent.MessageStop s) {
            if (wanted(s.parentToolUseId())) {
                listener.flush();
            }
        } else if (event instanceof ClaudeEvent.Result r) {
            listener.flush();
            activity.runEnded(r);
        } else if (event instanceof ClaudeEvent.Unknown) {
            counters.unknownType();
        }
    }

    /** End of input: a run can end with no result (killed, max turns), so flush here too. */
    public void endOfInput() {
        listener.flush();
    }

    private void delta(ClaudeEvent.TextDelta d) {
        String key = streamIndexToKey.get(d.index());
        if (key == null) { // no content_block_start seen: take the delta's index as a new text block
            key = key(currentStreamMessage(), streamTextRank++);
            streamIndexToKey.put(d.index(), key);
        }
        Block block = blocks.computeIfAbsent(key, k -> new Block());
        if (block.complete) {
            return; // the complete assistant line came first and was spoken
        }
        block.delivered.append(d.text());
        listener.text(key, d.text());
    }

    private void assistant(ClaudeEvent.AssistantMessage m) {
        boolean subagent = m.parentToolUseId() != null;
        for (ContentBlock content : m.content()) {
            if (content instanceof ContentBlock.ToolUse use) {
                if (!subagent) { // a subagent's tools are its own business, even with its text spoken
                    toolCall(use.call());
                }
                continue;
            }
            if (!(content instanceof ContentBlock.Text text)) {
                continue;
            }
            if (subagent && !speakSubagents) {
                counters.subagentBlock();
                continue;
            }
            if (m.messageId() == null) { // old CLI / smoke format: no ids, no partials to pair with
                String key = "line-" + (++anonymous);
                listener.text(key, text.text());
                listener.endOfBlock(key);
                continue;
            }
            int rank = assistantTextRank.merge(m.messageId(), 1, Integer::sum) - 1;
            completeBlock(m.messageId(), key(m.messageId(), rank), text.text());
        }
    }

    private void toolCall(ToolCall call) {
        if (call.id() == null || toolCallsSeen.put(call.id(), Boolean.TRUE) == null) {
            activity.toolCall(call);
        }
    }

    private void completeBlock(String messageId, String key, String text) {
        Block block = blocks.computeIfAbsent(key, k -> new Block());
        if (block.complete || isResentText(messageId, key, text)) {
            counters.duplicateBlock();
            return;
        }
        String delivered = block.delivered.toString();
        if (text.startsWith(delivered)) {
            String rest = text.substring(delivered.length());
            if (!rest.isEmpty()) {
                listener.text(key, rest);
            }
        } else {
            log.debug("block {}: deltas and complete text differ; keeping what was already spoken", key);
        }
        block.complete = true;
        block.delivered.setLength(0); // no longer needed for matching
        block.finalText = text;
        listener.endOfBlock(key);
    }

    /** Guards against a CLI that repeats a message's earlier text block on a later line. */
    private boolean isResentText(String messageId, String key, String text) {
        String prefix = messageId + "#";
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            if (!e.getKey().equals(key) && e.getKey().startsWith(prefix) && text.equals(e.getValue().finalText)) {
                return true;
            }
        }
        return false;
    }

    private boolean wanted(String parentToolUseId) {
        return parentToolUseId == null || speakSubagents;
    }

    private String currentStreamMessage() {
        if (streamMessageId == null) {
            streamMessageId = "stream-" + (++anonymous);
        }
        return streamMessageId;
    }

    private static String key(String messageId, int textRank) {
        return messageId + "#" + textRank;
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }

    /** What has been delivered of one text block. */
    private static final class Block {
        final StringBuilder delivered = new StringBuilder();
        boolean complete;
        String finalText;
    }
}
