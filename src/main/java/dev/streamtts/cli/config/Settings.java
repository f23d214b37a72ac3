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
        for (ConfigMap<?> map : ConfigKeys.MAPS) {
            map(map);
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

    /** A map section: its built-in entries overlaid by every layer's entries. */
    public <T> Map<String, T> map(ConfigMap<T> map) throws ConfigException {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : map.defaults().entrySet()) {
            out.put(e.getKey(), map.parser().parse(e.getValue()));
        }
        String prefix = map.section() + ".";
        for (Map.Entry<String, RawValue> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                try {
                    out.put(e.getKey().substring(prefix.length()), map.parser().parse(e.getValue().text()));
                } catch (IllegalArgumentException ex) {
                    throw new ConfigException(e.getValue().origin() + ": " + e.getKey() + " = '" + e.getValue().text()
                            + "': " + ex.getMessage());
                }
            }
        }
        return out;
    }

    /** Where a key's value came from ("built-in default" when no layer set it). */
    public String origin(ConfigKey<?> key) {
        RawValue raw = values.get(key.path());
        return raw == null ? "built-in default" : raw.origin();
    }
}
