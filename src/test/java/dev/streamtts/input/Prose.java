package dev.streamtts.input;

import dev.streamtts.text.SentenceAssembler;
import dev.streamtts.text.TextOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the real input and text stages over a stream and collects the sentences, for tests. */
final class Prose {
    final List<String> sentences = new ArrayList<>();
    final InputCounters counters = new InputCounters();

    static Prose of(InputStream in, boolean subagents) {
        Prose p = new Prose();
        SentenceAssembler assembler = new SentenceAssembler(TextOptions.defaults(), s -> p.sentences.add(s.text()));
        ProseListener listener = new ProseListener() {
            @Override
            public void text(String key, String md) {
                assembler.append(key, md, System.nanoTime());
            }

            @Override
            public void endOfBlock(String key) {
                assembler.endBlock(key, System.nanoTime());
            }

            @Override
            public void flush() {
                assembler.flush(System.nanoTime());
            }
        };
        try {
            new StreamJsonReader(new InputOptions(64L << 20, subagents), listener, p.counters).readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Prose resource(String name) {
        return of(Prose.class.getResourceAsStream("/streams/" + name), false);
    }

    static Prose bytes(byte[] bytes) {
        return of(new ByteArrayInputStream(bytes), false);
    }
}
