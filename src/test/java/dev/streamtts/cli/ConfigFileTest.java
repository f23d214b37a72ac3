package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.cli.config.ConfigKey;
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
        assertThat(values).hasSameSizeAs(ConfigKeys.ALL);
    }
}
