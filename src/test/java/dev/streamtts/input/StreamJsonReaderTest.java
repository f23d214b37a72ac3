package dev.streamtts.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamJsonReaderTest {

    @Test
    void partialMessagesAreSpokenOnceWhicheverSourceComesFirst() {
        Prose p = Prose.resource("partials.jsonl");
        // Block 1: deltas, then the complete line before block stop. Block 2: complete line after
        // message_stop. Block 3: complete line before any delta. Thinking, tool input, tool results,
        // synthetic user text and result.result stay silent; code is never read.
        assertThat(p.sentences).containsExactly(
                "I'll fix the parser first.", "Here is the change:", "Then I will run the tests.",
                "All 42 tests pass.", "The fix handles for example empty lines too.",
                "Anything else?", "I can also update the README.");
        assertThat(p.counters.skippedTotal()).isZero();
    }

    @Test
    void onlyMainThreadProseIsSpokenUnlessSubagentsAreWanted() {
        Prose main = Prose.resource("subagents.jsonl");
        assertThat(main.sentences).containsExactly("Plan", "Read main.py first", "Then ask a subagent to explore.",
                "The loader lives in settings.py.", "I will leave it as is.");
        assertThat(main.counters.subagentBlocks()).isEqualTo(1);
        assertThat(main.counters.unknownTypes()).isEqualTo(1);

        Prose all = Prose.of(getClass().getResourceAsStream("/streams/subagents.jsonl"), true);
        assertThat(all.sentences).contains("The subagent found the loader in settings.py.");
        assertThat(all.sentences).doesNotContain("Find the config loader.", "Loader is in settings.py.");
    }

    @Test
    void oldCliAndSmokeFormatLinesAreSpoken() {
        assertThat(Prose.resource("old-cli.jsonl").sentences)
                .containsExactly("Hello world.", "Old CLIs send no ids.", "Each line is spoken as it comes.");
    }

    @Test
    void badLinesAreSkippedAndCountedAndTheStreamGoesOn() throws IOException {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write("Warning: hook 'lint' printed this to stderr\n".getBytes(StandardCharsets.UTF_8));
        s.write(smoke("First line.").getBytes(StandardCharsets.UTF_8));
        s.write("[1, 2, 3]\n".getBytes(StandardCharsets.UTF_8));
        s.write("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"bad \u0000".getBytes(StandardCharsets.UTF_8));
        s.write("\n".getBytes(StandardCharsets.UTF_8));
        byte[] invalid = smoke("Invalid \u00e9 here.").getBytes(StandardCharsets.UTF_8);
        invalid[invalid.length - 12] = (byte) 0xC3; // break the é's continuation byte
        invalid[invalid.length - 11] = (byte) 0x28;
        s.write(invalid);
        s.write("\r\n".getBytes(StandardCharsets.UTF_8));
        s.write(smoke("Windows line ends are fine.").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        s.write("\n\n   \n".getBytes(StandardCharsets.UTF_8));
        s.write(("\uFEFF" + smoke("A byte order mark is fine.")).getBytes(StandardCharsets.UTF_8));
        s.write(smoke("Last complete line.").getBytes(StandardCharsets.UTF_8));
        s.write("{\"content\":[{\"type\":\"text\",\"text\":\"Cut off in the mid".getBytes(StandardCharsets.UTF_8));

        Prose p = Prose.bytes(s.toByteArray());

        assertThat(p.sentences).containsExactly("First line.", "Windows line ends are fine.",
                "A byte order mark is fine.", "Last complete line.");
        assertThat(p.counters.skipped(SkipReason.NOT_JSON)).isEqualTo(2); // stderr text, raw control character
        assertThat(p.counters.skipped(SkipReason.NOT_AN_OBJECT)).isEqualTo(1);
        assertThat(p.counters.skipped(SkipReason.INVALID_UTF8)).isEqualTo(1);
        assertThat(p.counters.skipped(SkipReason.TRUNCATED)).isEqualTo(1);
        assertThat(p.counters.lines()).isEqualTo(13); // blank lines are lines too
    }

    @Test
    void aFiveMegabyteLineIsReadAndAnOversizedOneSkippedWithoutHoldingItInMemory() throws IOException {
        char[] big = new char[5 * 1024 * 1024];
        Arrays.fill(big, 'x');
        String toolResult = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"t1\",\"content\":\"" + new String(big) + "\"}]}}\n";
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(toolResult.getBytes(StandardCharsets.UTF_8));
        s.write(smoke("After the big line.").getBytes(StandardCharsets.UTF_8));
        Prose p = Prose.bytes(s.toByteArray());
        assertThat(p.sentences).containsExactly("After the big line.");
        assertThat(p.counters.skippedTotal()).isZero();

        InputCounters counters = new InputCounters();
        StreamJsonReader small = new StreamJsonReader(new InputOptions(1 << 20, false), noListener(), counters);
        small.readAll(new java.io.ByteArrayInputStream(s.toByteArray()));
        assertThat(counters.skipped(SkipReason.TOO_LONG)).isEqualTo(1);
        assertThat(counters.lines()).isEqualTo(2);
    }

    @Test
    void aStringOverJacksonsDefaultLimitDoesNotCostTheProseBesideIt() throws IOException {
        // Jackson refuses strings over 20,000,000 characters unless told otherwise; input.max_line_mb
        // (64 by default) is the limit users were promised.
        char[] big = new char[21_000_000];
        Arrays.fill(big, 'y');
        String line = "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"I will write the big file now.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Write\",\"input\":{\"file_path\":\"big.txt\","
                + "\"content\":\"" + new String(big) + "\"}}]}}\n";
        Prose p = Prose.bytes(line.getBytes(StandardCharsets.UTF_8));
        assertThat(p.sentences).containsExactly("I will write the big file now.");
        assertThat(p.counters.skippedTotal()).isZero();
    }

    @Test
    void aBrokenPipeOnPassthroughStopsTheCopyButNotTheReading() throws IOException {
        java.io.OutputStream closed = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        byte[] in = (smoke("Still spoken.") + smoke("Also spoken.")).getBytes(StandardCharsets.UTF_8);
        PassthroughInputStream tee = new PassthroughInputStream(new java.io.ByteArrayInputStream(in), closed);
        Prose p = Prose.of(tee, false);
        assertThat(p.sentences).containsExactly("Still spoken.", "Also spoken.");
        assertThat(tee.isCopying()).isFalse();
    }

    @Test
    void passthroughCopiesEveryByteUnchanged() throws IOException {
        byte[] in = ("not json\r\n" + smoke("Hi there.") + "{\"cut").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream tee = new PassthroughInputStream(new java.io.ByteArrayInputStream(in), out)) {
            Prose.of(tee, false);
        }
        assertThat(out.toByteArray()).isEqualTo(in);
    }

    private static String smoke(String text) {
        return "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}\n";
    }

    private static ProseListener noListener() {
        return new ProseListener() {
            @Override
            public void text(String blockKey, String markdown) {
            }

            @Override
            public void endOfBlock(String blockKey) {
            }

            @Override
            public void flush() {
            }
        };
    }
}
