package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code stream-tts bench providers} where this is built: the CPU only, and a line saying CoreML needs a Mac. */
@DisabledOnOs(OS.MAC) // on a Mac it measures CoreML too
class BenchCommandTest {
    static final Path MODELS = Path.of("src/test/resources/models");

    @TempDir
    Path dir;

    @BeforeEach
    void install() throws Exception {
        TestFiles.copy(MODELS.resolve("nllb-tiny"), dir.resolve("models/nllb-tiny"));
        TestFiles.copy(MODELS.resolve("kokoro"), dir.resolve("models/kokoro-tiny"));
        SpeechEndToEndTest.installPiperVoice(dir);
        Files.writeString(dir.resolve("tiny.yaml"), "translate:\n  model: nllb-tiny\n  precision: int8\n");
    }

    private Cli bench(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"bench", "providers", "--config", "tiny.yaml", "--models-dir", "models"}, 0,
                all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        return Cli.run(dir, "", all);
    }

    @Test
    void everyConfiguredModelIsTimedOnTheCpuInATableToPaste() {
        Cli c = bench("--runs", "2");
        assertThat(c.exitCode).as(c.out() + c.err()).isEqualTo(0);
        List<String> lines = c.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("## stream-tts bench providers");
        assertThat(c.out()).contains("ONNX Runtime 1.").contains(System.getProperty("os.arch"))
                .contains("then 2 timed runs");
        assertThat(lines).contains("| model | provider | load | first run | run (median) | CoreML partitions | "
                + "nodes on CoreML | nodes on CPU | note |");
        List<String> rows = lines.stream().filter(l -> l.startsWith("| ") && !l.startsWith("| model")).toList();
        assertThat(rows).hasSize(3); // encoder, merged decoder, Kokoro: one provider each
        assertThat(rows.get(0)).startsWith("| NLLB encoder `encoder_model_quantized.onnx` | CPU | ");
        assertThat(rows.get(1)).startsWith("| NLLB decoder `decoder_model_merged_quantized.onnx` | CPU | ");
        assertThat(rows.get(2)).startsWith("| Kokoro model `kokoro-tiny-");
        for (String row : rows) {
            // load, first run, median (of 2), no CoreML partitions or nodes, ONNX Runtime's count of CPU nodes
            assertThat(row).matches("\\| .+ \\| CPU \\| [\\d.]+ m?s \\| [\\d.]+ m?s \\| [\\d.]+ m?s \\(2\\) \\| – \\| – \\| "
                    + "\\d+ \\|  \\|");
        }
        assertThat(c.out()).contains("- CoreML: not measured: it needs macOS on Apple Silicon (this is "
                + System.getProperty("os.name"));
        assertThat(c.out()).contains("onnx.provider auto on this machine:\n- every model: CPU: onnx.provider auto");
        assertThat(c.err()).contains("stream-tts: timing NLLB encoder (encoder_model_quantized.onnx) on CPU…");
        assertThat(c.out()).doesNotContain("onnxruntime:"); // ONNX Runtime's log was read, not passed on
    }

    @Test
    void aVoiceOnlyConfigurationAndAMissingTranslatorAreSaid() throws Exception {
        Cli voiceOnly = bench("--runs", "1", "--no-translate", "--voice", SpeechEndToEndTest.VOICE);
        assertThat(voiceOnly.exitCode).as(voiceOnly.out() + voiceOnly.err()).isEqualTo(0);
        assertThat(voiceOnly.out()).contains("| Piper voice " + SpeechEndToEndTest.VOICE + " `" + SpeechEndToEndTest.VOICE
                + ".onnx` | CPU | ").doesNotContain("NLLB");

        deleteTree(dir.resolve("models/nllb-tiny"));
        Cli missing = bench("--runs", "1");
        assertThat(missing.exitCode).as(missing.out()).isEqualTo(0);
        assertThat(missing.out()).contains("- translator nllb-tiny (int8): not measured: ")
                .contains("| Kokoro model ");
    }

    @Test
    void nothingInstalledIsAFailureAndBadRunsAUsageError() throws Exception {
        deleteTree(dir.resolve("models"));
        Files.createDirectories(dir.resolve("models"));
        Cli none = bench("--voice", "nobody");
        assertThat(none.exitCode).isEqualTo(1);
        assertThat(none.out()).contains("Nothing to measure");
        assertThat(bench("--runs", "0").exitCode).isEqualTo(2);
        Cli parent = Cli.run(dir, "", "bench");
        assertThat(parent.exitCode).isEqualTo(2);
        assertThat(parent.err()).contains("stream-tts bench providers");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void helpSaysWhatItMeasuresAndTheTopLevelHelpListsIt() {
        Cli help = Cli.run(dir, "", "bench", "providers", "--help");
        assertThat(help.exitCode).isEqualTo(0);
        assertThat(help.out()).contains("Usage: stream-tts bench providers").contains("CoreML").contains("--runs")
                .contains("--remember").contains("Markdown").contains("--config").contains("--voice");
        Cli top = Cli.run(dir, "", "--help");
        assertThat(top.out().lines()).anyMatch(l -> l.strip().startsWith("bench "));
    }
}
