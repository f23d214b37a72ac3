package dev.streamtts.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The effective configuration: built-in defaults overlaid by each layer in turn (user file, working
 * directory file, {@code --config} file, command line). Every value is parsed once at start-up by
 * {@link #validate()}, so a bad one stops the program before it reads a line.
 */
public final class Settings {
    private final Map<String, RawValue> values = new LinkedHashMap<>();

    /** Adds a layer on top of those already there. */
    public Settings overlay(Map<String, RawValue> layer) {
        values.putAll(layer);
        return this;
    }

    public Settings set(ConfigKey<?> key, String text, String origin) {
        values.put(key.path(), new RawValue(text, origin));
        return this;
    }

    /** Parses every value; the first bad one is reported with its origin. */
    public Settings validate() throws ConfigException {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            get(key);
        }
        return this;
    }

    public <T> T get(ConfigKey<T> key) throws ConfigException {
        RawValue raw = values.get(key.path());
        if (raw == null) {
            return key.defaultValue();
        }
        try {
            return key.parser().parse(raw.text());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(raw.origin() + ": " + key.path() + " = '" + raw.text() + "': " + e.getMessage());
        }
    }

    /** Where a key's value came from ("built-in default" when no layer set it). */
    public String origin(ConfigKey<?> key) {
        RawValue raw = values.get(key.path());
        return raw == null ? "built-in default" : raw.origin();
    }
}
