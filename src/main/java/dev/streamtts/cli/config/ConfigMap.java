package dev.streamtts.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A section whose keys are chosen by the user from a known set (e.g. {@code voice.defaults}, keyed by
 * language code), rather than fixed option names.
 *
 * @param keyCheck  validates a key; throws IllegalArgumentException with what is expected
 * @param defaults  built-in entries, in the order they are documented
 */
public record ConfigMap<T>(String section, ValueParser<?> keyCheck, ValueParser<T> parser, Map<String, String> defaults) {
    public ConfigMap {
        defaults = new LinkedHashMap<>(defaults);
    }
}
