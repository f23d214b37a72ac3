package dev.streamtts.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The text stage: receives the prose of any number of text blocks, piece by piece, and hands on
 * finished speakable sentences in order. Single-threaded (it runs on the reader thread).
 */
public final class SentenceAssembler {
    private final SpeakableMarkdown markdown;
    private final SentenceSplitter splitter;
    private final Consumer<SentenceText> out;
    private final Map<String, BlockSentencer> open = new LinkedHashMap<>();

    public SentenceAssembler(TextOptions options, Consumer<SentenceText> out) {
        this.markdown = new SpeakableMarkdown(options);
        this.splitter = new SentenceSplitter(options.language(), options.maxSentenceChars());
        this.out = out;
    }

    public void append(String blockKey, String text, long nanos) {
        emit(open.computeIfAbsent(blockKey, k -> new BlockSentencer(markdown, splitter)).append(text, nanos));
    }

    public void endBlock(String blockKey, long nanos) {
        BlockSentencer block = open.remove(blockKey);
        if (block != null) {
            emit(block.finish(nanos));
        }
    }

    public void flush(long nanos) {
        for (String key : new ArrayList<>(open.keySet())) {
            endBlock(key, nanos);
        }
    }

    private void emit(List<SentenceText> sentences) {
        sentences.forEach(out);
    }
}
