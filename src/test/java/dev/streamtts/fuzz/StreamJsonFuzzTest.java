package dev.streamtts.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.streamtts.input.InputOptions;
import dev.streamtts.text.CodeBlockPolicy;
import dev.streamtts.text.TextOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of the input and text stages together (StreamJsonReader → ProseExtractor → SentenceAssembler,
 * wired as {@code Pipeline.read()} wires them); {@link Harness} says what is checked for every input.
 *
 * <p>In a plain {@code mvn test} these run in Jazzer's regression mode: once per file of the seed corpus
 * in {@code src/test/resources/dev/streamtts/fuzz/StreamJsonFuzzTestInputs/<method>/} (real stream-json
 * lines and streams cut from the fixtures in {@code streams/}, plus every finding ever fixed).
 * {@code scripts/fuzz} runs the coverage-guided campaign; see docs/RELIABILITY.md, "Fuzzing".
 */
class StreamJsonFuzzTest {

    /**
     * Mutated bytes as stdin, with the product's input options: one or more stream-json lines (the seeds
     * are single fixture lines, runs of consecutive lines and whole fixture streams), read once in one
     * piece and once split at random points.
     */
    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    @DictionaryEntries({"{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"", "{\"type\":\"assistant\",\"message\":{\"id\":\"",
            "\"content\":[{\"type\":\"text\",\"text\":\"", "\"parent_tool_use_id\":", "content_block_start",
            "content_block_stop", "message_start", "message_stop", "\"result\"", "thinking", "tool_use",
            "\\n\\n", "```", "\\u0000", "\\ud83d\\ude00", "e.g.", "\\r\\n", "\uFEFF"})
    void rawStream(byte[] stdin) {
        Harness.check(stdin, Harness.PRODUCT_INPUT, TextOptions.defaults(), Arrays.hashCode(stdin));
    }

    /**
     * Generated plausible event streams ({@link EventGenerator}) under varied options: a line limit down
     * to the minimum (so over-long lines occur in small inputs), subagent text on or off, code skipped or
     * announced, sentence limit from the minimum up, English, German or Japanese sentence rules.
     */
    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void structuredEvents(FuzzedDataProvider data) {
        long maxLineBytes = data.consumeBoolean() ? 1024 + data.consumeInt(0, 1024) : Harness.PRODUCT_INPUT.maxLineBytes();
        InputOptions input = new InputOptions(maxLineBytes, data.consumeBoolean());
        TextOptions text = new TextOptions(
                data.consumeBoolean() ? CodeBlockPolicy.SKIP : CodeBlockPolicy.ANNOUNCE,
                data.consumeBoolean() ? "Code omitted." : "Here the answer shows a code block, which is not read.",
                data.consumeInt(40, 400),
                data.pickValue(new Locale[] {Locale.ENGLISH, Locale.GERMAN, Locale.JAPANESE}));
        long splitSeed = data.consumeLong();
        byte[] stdin = EventGenerator.stream(data, 48);
        Harness.check(stdin, input, text, splitSeed);
    }
}
