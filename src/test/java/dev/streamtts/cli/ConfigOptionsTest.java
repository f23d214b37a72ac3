package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.cli.config.ConfigFiles;
import dev.streamtts.cli.config.RawValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options that set config.yaml keys: each names a real key, and --help shows the value a run would use. */
class ConfigOptionsTest {
    @TempDir
    Path dir;

    @Test
    void everyOptionThatSetsAKeyNamesOneOfConfigYaml() throws Exception {
        Map<String, RawValue> keys = new ConfigFiles(dir.resolve("user"), dir).merged(null);
        List<String> setting = new ArrayList<>();
        for (CommandLine command : commands(CommandLineFactory.create(env()))) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                Sets sets = ConfigDefaults.sets(option);
                if (sets != null) {
                    assertThat(keys).as(option.longestName()).containsKey(sets.value());
                    setting.add(option.longestName());
                }
            }
        }
        assertThat(setting).contains("--models-dir", "--source-lang", "--target-lang", "--no-translate", "--voice",
                "--speed", "--device");
    }

    @Test
    void helpShowsTheEffectiveValueOfEachKey() throws Exception {
        assertThat(help("--help")).contains("translate.target_lang,nowjpn_Jpan").contains("voice.speed,now1.0")
                .contains("models.dir,nowmodels");
        Files.writeString(dir.resolve("mine.yaml"), "translate:\n  target_lang: deu_Latn\n");
        Files.writeString(dir.resolve("config.yaml"), "voice:\n  speed: 1.25\n");
        assertThat(help("doctor", "--config", "mine.yaml", "--help")).contains("translate.target_lang,nowdeu_Latn")
                .contains("voice.speed,now1.25");
        Files.writeString(dir.resolve("config.yaml"), "voice:\n  sped: 1.25\n");
        assertThat(help("--help")).as("a broken file: the built-in values").contains("voice.speed,now1.0");
    }

    /** The help without its spaces: picocli wraps lines after a dot too ("translate.↵target_lang"). */
    private String help(String... args) {
        return Cli.run(dir, "", args).out().replaceAll("\\s+", "");
    }

    @Test
    void optionsGivenAreTheTopLayer() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "translate:\n  enabled: true\n");
        String smoke = "{\"content\":[{\"type\":\"text\",\"text\":\"Hello world.\"}]}\n";
        Cli c = Cli.run(dir, smoke, "--dry-run", "--no-translate", "--speed", "9");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err().strip())
                .isEqualTo("stream-tts: --speed: voice.speed = '9': expected a number from 0.25 to 4");
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        for (CommandLine sub : root.getSubcommands().values()) {
            all.addAll(commands(sub));
        }
        return all;
    }

    private Env env() {
        return new Env(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream()), dir, dir.resolve("user"), dir, Map.of());
    }
}
