package dev.streamtts.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented config.yaml at the top of the repository is the user's manual and the built-in defaults:
 * it holds every key of {@link Config}'s records, and only those.
 */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentedConfigHoldsEveryOptionOfTheTreeAndIsTheBuiltInOne() throws Exception {
        Map<String, RawValue> documented = new YamlConfigReader().read(Path.of("config.yaml"));
        assertThat(documented.keySet().stream().filter(k -> !ConfigSchema.CONFIG.isMap(k.replaceAll("\\.[^.]*$", ""))))
                .containsExactlyElementsOf(ConfigSchema.CONFIG.options());
        assertThat(texts(ConfigFiles.builtIn())).as("the jar's copy").isEqualTo(texts(documented));
        Config defaults = ConfigFiles.defaults();
        assertThat(defaults.voice().defaults()).hasSize(5);
        assertThat(defaults.voice().noiseScale()).isNull();
    }

    @Test
    void aKeyGivenTwiceOrABinaryFileIsAnErrorWithTheLine() throws Exception {
        Path twice = dir.resolve("twice.yaml");
        Files.writeString(twice, "audio:\n  buffer_ms: 100\n  fade_ms: 5\n  buffer_ms: 300\n");
        assertThatThrownBy(() -> new YamlConfigReader().read(twice))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("twice.yaml:4").hasMessageContaining("audio.buffer_ms is given twice")
                .hasMessageContaining("first at").hasMessageContaining(":2");
        Path sections = dir.resolve("sections.yaml");
        Files.writeString(sections, "audio:\n  buffer_ms: 100\nvoice:\n  speed: 1.0\naudio:\n  fade_ms: 5\n");
        assertThatThrownBy(() -> new YamlConfigReader().read(sections))
                .hasMessageContaining("audio is given twice");
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, (byte) 0xC3, 0x28, 10});
        assertThatThrownBy(() -> new YamlConfigReader().read(binary))
                .hasMessageContaining("binary.yaml: not a text file");
    }

    @Test
    void aBadValueNamesTheFileLineKeyAndWhatTheRecordAccepts() throws Exception {
        assertThat(error("translate:\n  num_beams: x\n")).endsWith("mine.yaml:2: translate.num_beams = 'x': "
                + "expected a whole number from 1 to 8");
        assertThat(error("translate:\n  num_beams: 9\n")).endsWith("translate.num_beams = '9': "
                + "expected a whole number from 1 to 8");
        assertThat(error("voice:\n  noise_w: loud\n")).endsWith("voice.noise_w = 'loud': "
                + "expected a number from 0 to 2, or default");
        assertThat(error("voice:\n  speed: 0.1\n")).endsWith("voice.speed = '0.1': expected a number from 0.25 to 4");
        assertThat(error("translate:\n  enabled: maybe\n"))
                .endsWith("translate.enabled = 'maybe': expected true or false");
        assertThat(error("voice:\n  defaults:\n    jpn_Japn: jf_alpha\n"))
                .contains("mine.yaml:3: voice.defaults.jpn_Japn: ")
                .contains("unknown NLLB language code 'jpn_Japn'");
        // In a section, the first bad value in the file's order is the one named.
        assertThat(error("audio:\n  buffer_ms: x\n  fade_ms: 99\n")).contains("audio.buffer_ms = 'x'");
        assertThat(error("audio:\n  buffer_ms: 10\n  fade_ms: x\n")).contains("audio.buffer_ms = '10'");
    }

    /** Every option, given a word or a huge negative number: loaded, or an error naming that very key. */
    @Test
    void everyBadValueIsNamedByItsOwnKey() throws Exception {
        for (String path : ConfigSchema.CONFIG.options()) {
            String[] parts = path.split("\\.");
            for (String value : new String[] {"x", "-1000000000"}) {
                Files.writeString(dir.resolve("mine.yaml"), parts[0] + ":\n  " + parts[1] + ": '" + value + "'\n");
                try {
                    new ConfigFiles(dir.resolve("user"), dir).load(Path.of("mine.yaml"), Map.of());
                } catch (ConfigException e) {
                    assertThat(e.getMessage()).contains("mine.yaml:2: " + path + " = '" + value + "': ");
                }
            }
        }
    }

    @Test
    void aBuiltInConfigThatLostAKeySaysHowToRestoreIt() throws Exception {
        Map<String, RawValue> values = new LinkedHashMap<>(ConfigFiles.builtIn());
        values.remove("audio.fade_ms");
        assertThatThrownBy(() -> new ConfigBinder(values, values).bind()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no audio.fade_ms").hasMessageContaining("git checkout config.yaml");
    }

    @Test
    void layersOverrideKeyByKeyAndMapEntriesAddUp() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "voice:\n  speed: 1.5\n  defaults:\n    kor_Hang: ko_voice\n");
        Files.writeString(dir.resolve("mine.yaml"), "voice:\n  speed: 2\n");
        LoadedConfig loaded = new ConfigFiles(dir.resolve("user"), dir).load(Path.of("mine.yaml"),
                Map.of("voice.name", new RawValue("jf_nezumi", "--voice")));
        assertThat(loaded.config().voice().speed()).isEqualTo(2.0);
        assertThat(loaded.config().voice().name()).isEqualTo("jf_nezumi");
        assertThat(loaded.config().voice().defaults()).hasSize(6).containsValue("ko_voice").containsValue("jf_alpha");
        assertThat(loaded.origin("voice.speed")).isEqualTo(dir.resolve("mine.yaml") + ":2");
        assertThat(loaded.origin("voice.name")).isEqualTo("--voice");
        assertThat(loaded.origin("audio.device")).startsWith(ConfigFiles.BUILT_IN + ":");
    }

    private String error(String yaml) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), yaml);
        ConfigFiles files = new ConfigFiles(dir.resolve("user"), dir);
        try {
            files.load(Path.of("mine.yaml"), Map.of());
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + yaml);
    }

    private static Map<String, String> texts(Map<String, RawValue> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }
}
