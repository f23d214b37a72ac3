package dev.streamtts.cli.config;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys config.yaml may hold, read off {@link Config}'s records: a record component is a section
 * ("audio") when its type is one of those records, a map section ("voice.defaults", whose keys the user
 * chooses) when it is a map, and an option ("audio.buffer_ms") otherwise.
 */
final class ConfigSchema {
    static final ConfigSchema CONFIG = new ConfigSchema(Config.class);

    private final Set<String> sections = new LinkedHashSet<>();
    private final Set<String> maps = new LinkedHashSet<>();
    private final Set<String> options = new LinkedHashSet<>();

    private ConfigSchema(Class<? extends Record> root) {
        add(root, "");
    }

    private void add(Class<?> record, String prefix) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = prefix + key(c);
            if (section(c)) {
                sections.add(path);
                add(c.getType(), path + ".");
            } else if (Map.class.isAssignableFrom(c.getType())) {
                maps.add(path);
            } else {
                options.add(path);
            }
        }
    }

    /** A section is one of Config's own records; other records (a language code) are values. */
    static boolean section(RecordComponent c) {
        return c.getType().isRecord() && c.getType().getEnclosingClass() == Config.class;
    }

    /** A component's key in config.yaml: {@code maxLineMb} is {@code max_line_mb}. */
    static String key(RecordComponent c) {
        return c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    boolean isSection(String path) {
        return sections.contains(path);
    }

    boolean isMap(String path) {
        return maps.contains(path);
    }

    boolean isOption(String path) {
        return options.contains(path);
    }

    /** Every option's path, in the order of the records (and of config.yaml). */
    Set<String> options() {
        return options;
    }
}
