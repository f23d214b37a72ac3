package dev.streamtts.cli.config;

import java.util.Map;

/**
 * The configuration a command runs with, and where each of its values was set, for messages about a value
 * that is valid but does not work here ("--device: no sound device matches 'usb'").
 */
public record LoadedConfig(Config config, Map<String, RawValue> values) {
    public LoadedConfig {
        values = Map.copyOf(values);
    }

    /** "config.yaml:12", "--device", or {@value ConfigFiles#BUILT_IN} with its line. */
    public String origin(String path) {
        RawValue raw = values.get(path);
        return raw == null ? ConfigFiles.BUILT_IN : raw.origin();
    }
}
