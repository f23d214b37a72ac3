package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.cli.config.ConfigKey;
import dev.streamtts.cli.config.ConfigMap;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.RawValue;
import dev.streamtts.cli.config.YamlConfigReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented config.yaml at the top of the repository is the user's manual: keep it true. */
class ConfigFileTest {

    @Test
    void theShippedConfigListsEveryOptionWithItsBuiltInDefault() throws Exception {
        Map<String, RawValue> values = new YamlConfigReader().read(Path.of("config.yaml"));
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(values).as("config.yaml documents " + key.path()).containsKey(key.path());
            assertThat(key.parser().parse(values.get(key.path()).text()))
                    .as("config.yaml's value of " + key.path() + " is the built-in default")
                    .isEqualTo(key.defaultValue());
        }
        int mapEntries = 0;
        for (ConfigMap<?> map : ConfigKeys.MAPS) {
            for (Map.Entry<String, String> e : map.defaults().entrySet()) {
                assertThat(values.get(map.section() + "." + e.getKey())).as(map.section() + "." + e.getKey())
                        .extracting(RawValue::text).isEqualTo(e.getValue());
                mapEntries++;
            }
        }
        assertThat(values).hasSize(ConfigKeys.ALL.size() + mapEntries);
    }

    @Test
    void aKeyGivenTwiceOrABinaryFileIsAnErrorWithTheLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path twice = dir.resolve("twice.yaml");
        java.nio.file.Files.writeString(twice, "audio:\n  buffer_ms: 100\n  fade_ms: 5\n  buffer_ms: 300\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new YamlConfigReader().read(twice))
                .isInstanceOf(dev.streamtts.cli.config.ConfigException.class)
                .hasMessageContaining("twice.yaml:4").hasMessageContaining("audio.buffer_ms is given twice")
                .hasMessageContaining("first at").hasMessageContaining(":2");
        Path sections = dir.resolve("sections.yaml");
        java.nio.file.Files.writeString(sections, "audio:\n  buffer_ms: 100\nvoice:\n  speed: 1.0\naudio:\n  fade_ms: 5\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new YamlConfigReader().read(sections))
                .hasMessageContaining("audio is given twice");
        Path binary = dir.resolve("binary.yaml");
        java.nio.file.Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, (byte) 0xC3, 0x28, 10});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new YamlConfigReader().read(binary))
                .hasMessageContaining("binary.yaml: not a text file");
    }
}
