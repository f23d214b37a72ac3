package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final String SMOKE = "{\"content\":[{\"type\":\"text\",\"text\":\"Hello world. This is a test.\"}]}\n";

    @TempDir
    Path dir;

    @Test
    void smokeTestPrintsTwoJsonLines() throws IOException {
        Cli c = Cli.run(dir, SMOKE, "--dry-run", "--no-translate");
        assertThat(c.exitCode).isEqualTo(0);
        assertThat(c.out()).isEqualTo("{\"seq\":1,\"text\":\"Hello world.\",\"translation\":null}\n"
                + "{\"seq\":2,\"text\":\"This is a test.\",\"translation\":null}\n");
    }

    @Test
    void fixtureStreamsGiveOnlyProse() throws IOException {
        for (String name : List.of("partials.jsonl", "subagents.jsonl", "old-cli.jsonl")) {
            try (InputStream in = getClass().getResourceAsStream("/streams/" + name)) {
                Cli c = Cli.run(dir, in, "--dry-run", "--no-translate", "--stats");
                assertThat(c.exitCode).as(name).isEqualTo(0);
                List<String> texts = texts(c.out());
                assertThat(texts).as(name).isNotEmpty()
                        .noneMatch(t -> t.contains("Never") || t.contains("silent") || t.contains("mvn")
                                || t.contains("linter") || t.contains("config loader"));
                assertThat(c.err()).contains("stream-tts stats").contains("last input char");
            }
        }
    }

    @Test
    void activityAndTheRunsEndAreSaidAndMarkedInTheDryRun() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/streams/activity.jsonl")) {
            Cli all = Cli.run(dir, in, "--dry-run", "--no-translate", "--activity=all", "--stats");
            assertThat(all.exitCode).as(all.err()).isEqualTo(0);
            assertThat(all.out()).contains("{\"seq\":2,\"text\":\"Reading README.md.\",\"translation\":null,"
                    + "\"kind\":\"activity\"}\n").endsWith(",\"text\":\"Done.\",\"translation\":null,\"kind\":\"summary\"}\n");
            assertThat(all.err()).contains("activity phrases 12, of them dropped 0");
        }
        try (InputStream in = getClass().getResourceAsStream("/streams/activity.jsonl")) {
            // By default (brief), a stream read at once has no silence to fill: prose, then how it ended.
            Cli brief = Cli.run(dir, in, "--dry-run", "--no-translate");
            assertThat(texts(brief.out())).containsExactly("I'll look at the parser first.",
                    "The parser is fixed and committed.", "Done.");
        }
        assertThat(Cli.run(dir, SMOKE, "--dry-run", "--activity=loud").err())
                .contains("text.activity = 'loud'").contains("off, brief, all");
    }

    @Test
    void statsCountLinesAndLatencies() {
        Cli c = Cli.run(dir, "garbage\n" + SMOKE, "--dry-run", "--no-translate", "--stats");
        assertThat(c.err()).contains("2 lines read, 1 skipped (not JSON 1)").contains("sentences  2");
    }

    @Test
    void helpExplainsEveryOptionAndTheExitCodes() {
        Cli c = Cli.run(dir, "", "--help");
        assertThat(c.exitCode).isEqualTo(0);
        for (String option : List.of("--config", "--models-dir", "--source-lang", "--target-lang", "--no-translate",
                "--voice", "--wav", "--device", "--stats", "--passthrough", "--activity", "--dry-run", "--verbose", "--quiet",
                "--version", "devices", "languages", "generate-completion", "130", "config.yaml")) {
            assertThat(c.out()).contains(option);
        }
        // Outside a terminal the help is 80 columns wide; the examples are written to fit, so none wraps.
        assertThat(c.out().lines()).allMatch(l -> l.length() <= 80);
        String examples = c.out().substring(c.out().indexOf("Examples:"));
        assertThat(examples.lines().filter(l -> !l.startsWith("  ")).count()).as(examples).isEqualTo(1);
        assertThat(examples).contains("\"Hi.\"}]}' |\n        stream-tts --dry-run --no-translate\n");
    }

    @Test
    void versionAndLanguagesAndCompletion() {
        assertThat(Cli.run(dir, "", "--version").out()).startsWith("stream-tts ");
        Cli langs = Cli.run(dir, "", "languages");
        assertThat(langs.out().lines()).hasSize(202).contains("jpn_Jpan  Japanese  (voice: jf_alpha)",
                "kor_Hang  Korean");
        Cli voiced = Cli.run(dir, "", "languages", "--with-voice");
        assertThat(voiced.out().lines()).hasSize(5).allMatch(l -> l.contains("(voice: "))
                .contains("deu_Latn  German  (voice: de_DE-thorsten-medium)");
        String completion = Cli.run(dir, "", "generate-completion").out();
        assertThat(completion).contains("complete").contains("stream-tts");
    }

    /** The generated script, sourced in bash, completes language codes and voice names. */
    @Test
    void completionOffersLanguageCodesAndVoiceNames() throws Exception {
        Path script = Files.writeString(dir.resolve("completion.sh"), Cli.run(dir, "", "generate-completion").out());
        assertThat(complete(script, "--target-lang", "jpn_")).isEqualTo("jpn_Jpan");
        assertThat(complete(script, "--source-lang", "eng")).isEqualTo("eng_Latn");
        assertThat(complete(script, "--voice", "de_")).isEqualTo("de_DE-thorsten-medium");
        assertThat(complete(script, "--voice", "au")).isEqualTo("auto");
        assertThat(complete(script, "--voice", "jf_").split(" ")).contains("jf_alpha");
    }

    private static String complete(Path script, String option, String typed) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "source \"$0\" 2>/dev/null; COMP_WORDS=(stream-tts \"$1\" \"$2\"); "
                + "COMP_CWORD=2; _complete_stream-tts 2>/dev/null; echo \"${COMPREPLY[*]}\"", script.toString(), option,
                typed).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("bash finished").isTrue();
        return out;
    }

    @Test
    void devicesSaysWhatItFoundWithoutFailing() {
        Cli c = Cli.run(dir, "", "devices");
        assertThat(c.exitCode).isEqualTo(0);
        assertThat(c.out() + c.err()).isNotBlank();
    }

    @Test
    void unknownConfigKeyStopsWithFileLineAndSuggestion() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "audio:\n  sentence_silense_ms: 100\n");
        Cli c = Cli.run(dir, SMOKE, "--dry-run", "--no-translate");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.out()).isEmpty();
        assertThat(c.err().strip()).isEqualTo("stream-tts: " + dir.resolve("config.yaml")
                + ":2: unknown key 'audio.sentence_silense_ms' (did you mean 'audio.sentence_silence_ms'?)");
    }

    @Test
    void badValuesStopWithTheKeyAndWhatIsExpected() throws IOException {
        Path cfg = dir.resolve("mine.yaml");
        Files.writeString(cfg, "# mine\npipeline:\n  backlog: sometimes\n");
        Cli c = Cli.run(dir, SMOKE, "--config", "mine.yaml", "--dry-run", "--no-translate");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err()).contains("mine.yaml:3: pipeline.backlog = 'sometimes': expected one of: speak-all, catch-up");

        Files.writeString(cfg, "audio: [1, 2]\n");
        assertThat(Cli.run(dir, SMOKE, "--config", "mine.yaml").err()).contains("mine.yaml:1").contains("section");

        Files.writeString(cfg, "audio:\n  buffer_ms: 10\n  fade_ms: x\n");
        assertThat(Cli.run(dir, SMOKE, "--config", "mine.yaml").err()).contains("audio.buffer_ms = '10'");

        Files.writeString(cfg, "audio:\n  device: [\n");
        assertThat(Cli.run(dir, SMOKE, "--config", "mine.yaml").err()).contains("not valid YAML");

        Cli missing = Cli.run(dir, SMOKE, "--config", "nope.yaml");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: no such config file");
    }

    @Test
    void precedenceIsCommandLineThenConfigFileThenLocalThenUser() throws IOException {
        Files.createDirectories(dir.resolve("user-config"));
        Files.writeString(dir.resolve("user-config/config.yaml"), "text:\n  code_blocks: announce\n  code_notice: user\n");
        Files.writeString(dir.resolve("config.yaml"), "text:\n  code_notice: local\n");
        String code = "{\"content\":[{\"type\":\"text\",\"text\":\"Look:\\n```\\nx\\n```\\n\"}]}\n";
        assertThat(texts(Cli.run(dir, code, "--dry-run", "--no-translate").out())).containsExactly("Look:", "local");
        Files.writeString(dir.resolve("explicit.yaml"), "text:\n  code_notice: explicit\n");
        assertThat(texts(Cli.run(dir, code, "--dry-run", "--no-translate", "--config", "explicit.yaml").out()))
                .containsExactly("Look:", "explicit");
    }

    @Test
    void languageCodesAreValidatedWithNearMatches() {
        Cli c = Cli.run(dir, SMOKE, "--dry-run", "--target-lang", "jpn_Japn");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err()).contains("--target-lang").contains("unknown NLLB language code 'jpn_Japn'")
                .contains("jpn_Jpan (Japanese)");
        assertThat(Cli.run(dir, SMOKE, "--dry-run", "--target-lang", "german").err()).contains("deu_Latn");
    }

    @Test
    void dryRunAndPassthroughCannotShareStdout() {
        Cli c = Cli.run(dir, SMOKE, "--dry-run", "--passthrough");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err()).contains("--dry-run and --passthrough");
    }

    @Test
    void badUsageIsExitCodeTwo() {
        Cli c = Cli.run(dir, SMOKE, "--no-such-option");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err()).contains("Unknown option");
    }

    static List<String> texts(String jsonLines) {
        ObjectMapper m = new ObjectMapper();
        List<String> out = new ArrayList<>();
        jsonLines.lines().forEach(l -> {
            try {
                JsonNode n = m.readTree(l);
                out.add(n.get("text").asText());
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        });
        return out;
    }
}
