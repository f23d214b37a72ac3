package dev.streamtts.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.audio.NullSink;
import dev.streamtts.input.InputOptions;
import dev.streamtts.text.ActivityMode;
import dev.streamtts.text.ActivityOptions;
import dev.streamtts.text.SummaryMode;
import dev.streamtts.text.TextOptions;
import dev.streamtts.translate.NoTranslation;
import dev.streamtts.translate.Translator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Activity phrases and the run's summary, through the real stages. */
@Timeout(30)
class ActivityPipelineTest {
    private static final InputOptions INPUT = new InputOptions(8L << 20, false);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ActivityOptions options(ActivityMode mode, SummaryMode summary) {
        return new ActivityOptions(mode, Duration.ofSeconds(8), summary);
    }

    private static List<JsonNode> lines(ByteArrayOutputStream out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static String toolUse(String id, String name, String input) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_" + id + "\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_" + id + "\",\"name\":\"" + name + "\",\"input\":"
                + input + "}]},\"parent_tool_use_id\":null}\n";
    }

    @Test
    void underAllEveryCallIsADryRunLineOfItsKindBetweenTheProseAndTheSummaryEnds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Translator shout = new Translator() {
            @Override
            public List<Optional<String>> translate(List<String> s) {
                return s.stream().map(x -> Optional.of(x.toUpperCase(java.util.Locale.ROOT))).toList();
            }

            @Override
            public void close() {
            }
        };
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(),
                options(ActivityMode.ALL, SummaryMode.BRIEF), shout, new Output.DryRun(out));
        p.run(getClass().getResourceAsStream("/streams/activity.jsonl"));
        List<JsonNode> printed = lines(out);
        assertThat(printed).extracting(n -> n.get("text").asText()).containsExactly(
                "I'll look at the parser first.", "Reading README.md.", "Reading Pipeline.java.",
                "Searching the code for parser.", "Looking for java files.", "Editing Pipeline.java.",
                "Writing NOTES.md.", "Running the tests.", "Committing the changes.", "Updating the to-do list.",
                "Starting a helper agent.", "Fetching a page from docs.example.org.", "Calling create issue on github.",
                "The parser is fixed and committed.", "Done.");
        assertThat(printed.get(0).has("kind")).isFalse(); // prose lines are as they always were
        assertThat(printed.get(1).get("kind").asText()).isEqualTo("activity");
        assertThat(printed.get(1).get("translation").asText()).isEqualTo("READING README.MD."); // like any sentence
        assertThat(printed.get(14).get("kind").asText()).isEqualTo("summary");
        assertThat(printed).extracting(n -> n.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(p.metrics().activity()).isEqualTo(12);
    }

    @Test
    void offSaysOnlyTheProse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), ActivityOptions.off(),
                new NoTranslation(), new Output.DryRun(out)).run(getClass().getResourceAsStream("/streams/activity.jsonl"));
        assertThat(lines(out)).extracting(n -> n.get("text").asText())
                .containsExactly("I'll look at the parser first.", "The parser is fixed and committed.");
    }

    @Test
    void underBriefALongCommandIsNamedOnceTheBurstIsOverWithoutWaitingForItsOutput() throws Exception {
        ManualClock clock = new ManualClock();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipedOutputStream claude = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(claude, 1 << 16);
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(),
                options(ActivityMode.BRIEF, SummaryMode.OFF), new NoTranslation(), new Output.DryRun(out), clock);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try {
                p.run(stdin);
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        run.start();
        claude.write(toolUse("a", "Read", "{\"file_path\":\"/w/pom.xml\"}").getBytes(StandardCharsets.UTF_8));
        claude.write(toolUse("b", "Bash", "{\"command\":\"./mvnw -o test\"}").getBytes(StandardCharsets.UTF_8));
        claude.flush();
        long read = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.inputCounters().lines() < 2 && System.nanoTime() < read) {
            Thread.sleep(5);
        }
        // The start of the run counts as silence; once the burst is over (the clock moves), the timer names it.
        clock.awaitSleeps(1); // the timer waits on the clock
        clock.advance(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines(out).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lines(out)).extracting(n -> n.get("text").asText())
                .containsExactly("Reading pom.xml and running the tests.");
        // Within the quiet time after it, another call is not named; the prose that follows makes it old news.
        claude.write(toolUse("c", "Edit", "{\"file_path\":\"/w/App.java\"}").getBytes(StandardCharsets.UTF_8));
        claude.write(PipelineTest.smoke("All tests pass.").getBytes(StandardCharsets.UTF_8));
        claude.close();
        run.join();
        assertThat(failed.get()).isNull();
        assertThat(lines(out)).extracting(n -> n.get("text").asText())
                .containsExactly("Reading pom.xml and running the tests.", "All tests pass.");
    }

    @Test
    void whenSpeechIsBehindActivityPhrasesAreDroppedAndProseIsStillSpoken() throws Exception {
        // Each sentence takes the voice a second: the tool call's phrase waits behind six of them.
        ManualClock clock = new ManualClock();
        ToneVoice voice = new ToneVoice(clock, 1000);
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            stream.append(PipelineTest.smoke("Sentence number " + i + "."));
        }
        stream.append(toolUse("r", "Read", "{\"file_path\":\"/w/late.txt\"}"));
        stream.append(PipelineTest.smoke("Last words."));
        AtomicReference<Pipeline> pipeline = new AtomicReference<>();
        // Once all is read, the phrase is ready as early as the prose; the clock moves only while speaking.
        voice.hold(t -> t.equals("Sentence number 0."), () -> pipeline.get().inputCounters().lines() == 8);
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(),
                options(ActivityMode.ALL, SummaryMode.OFF), new NoTranslation(),
                new Output.Speech(voice, new NullSink()), clock);
        pipeline.set(p);
        p.run(new ByteArrayInputStream(stream.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(voice.spoken).doesNotContain("Reading late.txt.").contains("Sentence number 5.", "Last words.");
        assertThat(p.metrics().activityDropped()).isEqualTo(1);
        assertThat(p.metrics().spoken()).isEqualTo(7); // speak-all: every sentence of prose
        assertThat(p.metrics().caughtUp()).isZero();
    }
}
