package dev.streamtts.fuzz;

import dev.streamtts.input.InputCounters;
import dev.streamtts.input.InputOptions;
import dev.streamtts.input.ProseListener;
import dev.streamtts.input.SkipReason;
import dev.streamtts.input.StreamJsonReader;
import dev.streamtts.text.CodeBlockPolicy;
import dev.streamtts.text.SentenceAssembler;
import dev.streamtts.text.SentenceText;
import dev.streamtts.text.TextOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs one fuzz input through the product's own reader → assembler wiring (as in {@code Pipeline.read()})
 * and checks what must hold for every input whatever its bytes:
 *
 * <ul>
 *   <li>nothing escapes {@link StreamJsonReader#readAll}, and nothing is swallowed either: a
 *       RuntimeException in the parser, the extractor or the text stage would be counted as
 *       {@link SkipReason#UNPROCESSABLE}, so that count must stay 0 (the harness also catches it at the
 *       listener, to report the real stack trace);
 *   <li>the input finishes within a CPU-time bound (the JUnit {@code @Timeout} on the fuzz test backs
 *       this up with a wall-clock limit, which libFuzzer enforces as {@code -timeout});
 *   <li>memory stays bounded: the sentences are never much longer than the input, each sentence obeys the
 *       splitter's contract (trimmed, non-empty, at most {@code maxSentenceChars}, has a letter or is one
 *       short number), and after end of input the assembler holds no open block and a second flush
 *       releases nothing;
 *   <li>stdin split at random points reads exactly as stdin in one piece (same sentences, same counts),
 *       and every line is counted once.
 * </ul>
 */
final class Harness {
    /** CPU time one input may take (both reads together). Generous: a JIT warm-up pause fits many times. */
    static final long CPU_LIMIT_NANOS = 5_000_000_000L;
    /** What the product uses by default ({@code input.max_line_mb: 64}). */
    static final InputOptions PRODUCT_INPUT = new InputOptions(64L << 20, false);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Field OPEN_BLOCKS = openBlocksField();

    private Harness() {
    }

    /** One run of the input and text stages over a stream. */
    record Run(List<String> sentences, long outputChars, InputCounters counters, int heldBlocks,
               int sentencesAfterSecondFlush) {
    }

    static void check(byte[] stdin, InputOptions input, TextOptions text, long splitSeed) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        Run whole = run(new ByteArrayInputStream(stdin), input, text);
        Run split = run(new ChoppedInputStream(stdin, splitSeed), input, text);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;

        if (cpu > CPU_LIMIT_NANOS) {
            throw new AssertionError("input of " + stdin.length + " bytes took " + cpu / 1_000_000 + " ms CPU");
        }
        if (!whole.sentences.equals(split.sentences)) {
            throw new AssertionError("stdin read in random pieces spoke differently:\n whole: " + whole.sentences
                    + "\n split: " + split.sentences);
        }
        for (SkipReason reason : SkipReason.values()) {
            if (whole.counters.skipped(reason) != split.counters.skipped(reason)) {
                throw new AssertionError("skip count " + reason + " differs between whole and split stdin");
            }
        }
        long lines = expectedLines(stdin);
        if (whole.counters.lines() != lines) {
            throw new AssertionError("counted " + whole.counters.lines() + " lines, input has " + lines);
        }
        if (whole.counters.skippedTotal() > lines) {
            throw new AssertionError("more skips than lines");
        }
        long bound = outputBound(stdin.length, text);
        if (whole.outputChars > bound) {
            throw new AssertionError(whole.outputChars + " chars spoken from " + stdin.length
                    + " input bytes (bound " + bound + ")");
        }
        for (String s : whole.sentences) {
            checkSentence(s, text);
        }
        if (whole.heldBlocks != 0) {
            throw new AssertionError("assembler still holds " + whole.heldBlocks + " blocks after end of input");
        }
        if (whole.sentencesAfterSecondFlush != 0) {
            throw new AssertionError("a second flush released " + whole.sentencesAfterSecondFlush + " sentences");
        }
    }

    static Run run(InputStream in, InputOptions input, TextOptions text) {
        List<String> sentences = new ArrayList<>();
        long[] chars = {0};
        Assembler reused = assembler(text);
        SentenceAssembler assembler = reused.assembler;
        reused.sink = s -> {
            sentences.add(s.text());
            chars[0] += s.text().length();
        };
        RuntimeException[] failure = {null};
        ProseListener listener = new ProseListener() {
            @Override
            public void text(String blockKey, String markdown) {
                guard(() -> assembler.append(blockKey, markdown, System.nanoTime()));
            }

            @Override
            public void endOfBlock(String blockKey) {
                guard(() -> assembler.endBlock(blockKey, System.nanoTime()));
            }

            @Override
            public void flush() {
                guard(() -> assembler.flush(System.nanoTime()));
            }

            private void guard(Runnable r) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    }
                    throw e;
                }
            }
        };
        InputCounters counters = new InputCounters();
        try {
            new StreamJsonReader(input, listener, counters).readAll(in);
        } catch (IOException e) {
            throw new AssertionError("in-memory stdin cannot fail", e);
        } catch (RuntimeException | Error e) {
            ASSEMBLERS.remove(text); // it may hold what this input left; the next input gets a fresh one
            throw e;
        }
        if (failure[0] != null) {
            ASSEMBLERS.remove(text);
            throw new AssertionError("the text stage threw (the reader skipped the line)", failure[0]);
        }
        if (counters.skipped(SkipReason.UNPROCESSABLE) != 0) {
            throw new AssertionError(counters.skipped(SkipReason.UNPROCESSABLE)
                    + " lines were unprocessable: an exception in EventParser/ProseExtractor was swallowed");
        }
        int held = heldBlocks(assembler);
        if (held != 0) {
            ASSEMBLERS.remove(text);
        }
        int before = sentences.size();
        assembler.flush(System.nanoTime());
        return new Run(sentences, chars[0], counters, held, sentences.size() - before);
    }

    /**
     * What the text stage may say for an input of this size. Rewrites lengthen little ("e.g." becomes
     * "for example": 2.75×; "->" becomes " to ": 2×); an announced code block needs at least 3 bytes of
     * input ("```") for its notice. Anything near this bound would be a sentence spoken many times over.
     */
    static long outputBound(int inputBytes, TextOptions text) {
        long perByte = 3;
        if (text.codeBlocks() == CodeBlockPolicy.ANNOUNCE) {
            perByte += text.codeNotice().length();
        }
        return perByte * inputBytes + 64;
    }

    private static void checkSentence(String s, TextOptions text) {
        if (s.isEmpty() || !s.equals(s.strip())) {
            throw new AssertionError("sentence not trimmed or empty: [" + s + "]");
        }
        if (s.length() > text.maxSentenceChars()) {
            throw new AssertionError("sentence of " + s.length() + " chars, limit " + text.maxSentenceChars()
                    + ": [" + s + "]");
        }
        boolean letter = s.codePoints().anyMatch(Character::isLetter);
        boolean shortNumber = s.length() <= 32 && s.codePoints().anyMatch(Character::isDigit);
        if (!letter && !shortNumber) {
            throw new AssertionError("sentence with nothing to say: [" + s + "]");
        }
    }

    static long expectedLines(byte[] stdin) {
        long newlines = 0;
        for (byte b : stdin) {
            if (b == '\n') {
                newlines++;
            }
        }
        boolean unterminatedLast = stdin.length > 0 && stdin[stdin.length - 1] != '\n';
        return newlines + (unterminatedLast ? 1 : 0);
    }

    /**
     * One assembler per text options, reused from input to input as the product uses one for a whole
     * stream: building one (commonmark parser, ICU break iterator) costs more than most inputs. Sound
     * because an assembler holds nothing after a flush, which {@link #check} asserts after every input,
     * so no input can see what an earlier one left.
     */
    private static Assembler assembler(TextOptions text) {
        return ASSEMBLERS.computeIfAbsent(text, Assembler::new);
    }

    private static final Map<TextOptions, Assembler> ASSEMBLERS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TextOptions, Assembler> eldest) {
            return size() > 32;
        }
    };

    private static final class Assembler {
        final SentenceAssembler assembler;
        Consumer<SentenceText> sink = s -> {
        };

        Assembler(TextOptions text) {
            assembler = new SentenceAssembler(text, s -> sink.accept(s));
        }
    }

    private static int heldBlocks(SentenceAssembler assembler) {
        try {
            return ((Map<?, ?>) OPEN_BLOCKS.get(assembler)).size();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field openBlocksField() {
        try {
            Field f = SentenceAssembler.class.getDeclaredField("open");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("SentenceAssembler's open-block map moved; update the fuzz harness", e);
        }
    }

    /**
     * stdin as a pipe delivers it: in pieces of any size, cut anywhere (inside a line, a UTF-8 sequence,
     * a CRLF). Deterministic for a seed, so a finding reproduces.
     */
    static final class ChoppedInputStream extends InputStream {
        private final byte[] data;
        private final SplittableRandom random;
        private int pos;

        ChoppedInputStream(byte[] data, long seed) {
            this.data = data;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int max = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(Math.min(len, 97));
            int n = Math.min(Math.min(len, max), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
