package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stream-tts translate} and its {@code --compare} on the tiny NLLB installed in a models folder. */
class TranslateCommandTest {
    static final String TEXT = "I fixed the parser first.\nAll tests pass now.\n\nファイルを更新しました。\n"
            + "The build failed because config.yaml was missing a key.\nLet me read the README before I change anything.\n";

    @TempDir
    Path dir;

    @BeforeEach
    void install() throws Exception {
        TestFiles.copy(TranslationEndToEndTest.FIXTURES.resolve("nllb-tiny"), dir.resolve("models/nllb-tiny"));
        Files.writeString(dir.resolve("tiny.yaml"), "models:\n  auto_download: false\n"
                + "translate:\n  model: nllb-tiny\n  precision: int8\n  max_length: 24\n");
    }

    @Test
    void translatesEachLineAndLeavesTargetScriptAlone() {
        Cli c = Cli.run(dir, TEXT, "translate", "--config", "tiny.yaml", "--models-dir", "models");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        List<String> lines = c.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).isEqualTo("ファイルを更新しました。");
        assertThat(dir.resolve("models/nllb-tiny/decoder_model_merged_quantized.shortlist-Jpan.onnx")).exists();
    }

    @Test
    void compareNamesEachDifferenceAndTheTokensThatExplainIt() throws Exception {
        Files.writeString(dir.resolve("in.txt"), TEXT);
        Cli c = Cli.run(dir, "", "translate", "--compare", "in.txt", "--config", "tiny.yaml", "--models-dir", "models");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        String summary = c.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(summary).startsWith("5 sentences (eng_Latn → jpn_Jpan, int8, 1 beam, shortlist of 557 of 604 tokens): ")
                .endsWith(", 0 differ otherwise");
        // This random model writes a Greek and a Cyrillic letter into two of these: the shortlist cannot.
        assertThat(summary).contains("3 the same, 2 differ where the full translation uses tokens outside the shortlist");
        assertThat(c.out()).contains("differs: I fixed the parser first.\n  full:      ")
                .contains("  the full translation uses tokens outside the shortlist: 'μ'");

        Cli missing = Cli.run(dir, "", "translate", "--compare", "nope.txt", "--config", "tiny.yaml");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err()).contains("nope.txt: no such file");
    }
}
