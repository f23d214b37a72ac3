package dev.streamtts.cli.config;

import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbLanguages;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link Config} from the merged layers' values, each record component from the key of its name
 * ({@link ConfigSchema#key}). A bad value becomes one line naming where it was set, the key, the value and
 * what is expected; the ranges are those the records' constructors check.
 */
final class ConfigBinder {
    private final Map<String, RawValue> values;
    private final Map<String, RawValue> builtIn;

    /**
     * @param values  every layer merged, the built-in config.yaml at the bottom, so every option is there
     * @param builtIn the built-in config.yaml alone: its values stand in for a value that cannot be read
     *                while the record's constructor is asked about the others
     */
    ConfigBinder(Map<String, RawValue> values, Map<String, RawValue> builtIn) {
        this.values = values;
        this.builtIn = builtIn;
    }

    Config bind() throws ConfigException {
        return record(Config.class, "");
    }

    private <R> R record(Class<R> type, String prefix) throws ConfigException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        int unreadable = -1;
        String unreadableWhy = null;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String path = prefix + ConfigSchema.key(c);
            if (ConfigSchema.section(c)) {
                args[i] = record(c.getType(), path + ".");
            } else if (Map.class.isAssignableFrom(c.getType())) {
                args[i] = map(c.getGenericType(), path);
            } else {
                try {
                    args[i] = convert(c.getType(), option(values, path).text());
                } catch (IllegalArgumentException e) {
                    if (unreadable < 0) {
                        unreadable = i;
                        unreadableWhy = e.getMessage();
                    }
                    args[i] = convert(c.getType(), option(builtIn, path).text());
                }
            }
        }
        try {
            R built = construct(type, args);
            if (unreadable < 0) {
                return built;
            }
        } catch (Check.Failure f) {
            if (unreadable < 0 || indexOf(components, f.key) < unreadable) {
                throw bad(prefix + f.key, f.getMessage()); // the first bad value in the section's order
            }
        }
        String key = ConfigSchema.key(components[unreadable]);
        throw bad(prefix + key, expected(type, args, unreadable, key).orElse(unreadableWhy));
    }

    /**
     * What a number that cannot be read should have been. Its range lives in the record's constructor
     * alone, so the constructor is asked, with a number outside any range.
     */
    private static Optional<String> expected(Class<?> type, Object[] args, int index, String key) {
        Class<?> t = type.getRecordComponents()[index].getType();
        Object[] probe = args.clone();
        if (t == int.class) {
            probe[index] = Integer.MIN_VALUE;
        } else if (t == double.class || t == Double.class) {
            probe[index] = Double.NaN;
        } else {
            return Optional.empty(); // what the converter said is all there is
        }
        try {
            construct(type, probe);
        } catch (Check.Failure f) {
            return f.key.equals(key) ? Optional.of(f.getMessage()) : Optional.empty();
        }
        return Optional.empty();
    }

    private static <R> R construct(Class<R> type, Object[] args) {
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(
                    Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not a record the configuration can build", e);
        }
    }

    /** A map section: the built-in entries with every layer's on top, keys and values read as their types. */
    private Map<Object, Object> map(Type type, String section) throws ConfigException {
        Type[] kv = ((ParameterizedType) type).getActualTypeArguments();
        Map<Object, Object> out = new LinkedHashMap<>();
        String prefix = section + ".";
        for (Map.Entry<String, RawValue> e : values.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String key = e.getKey().substring(prefix.length());
            try {
                out.put(convert((Class<?>) kv[0], key), convert((Class<?>) kv[1], e.getValue().text()));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(e.getValue().origin() + ": " + e.getKey() + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /** An option's value; the built-in layer has every one, unless the checkout's config.yaml lost some. */
    private static RawValue option(Map<String, RawValue> layer, String path) throws ConfigException {
        RawValue raw = layer.get(path);
        if (raw == null) {
            throw new ConfigException(ConfigFiles.BUILT_IN + " (config.yaml of the stream-tts checkout, packaged by "
                    + "the build) has no " + path + ": it must state every default, so restore it ('git checkout "
                    + "config.yaml') and keep your own options in ~/.config/stream-tts/config.yaml");
        }
        return raw;
    }

    private ConfigException bad(String path, String expected) {
        RawValue raw = values.get(path);
        return new ConfigException(raw.origin() + ": " + path + " = '" + raw.text() + "': " + expected);
    }

    private static int indexOf(RecordComponent[] components, String key) {
        for (int i = 0; i < components.length; i++) {
            if (ConfigSchema.key(components[i]).equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException("a check names '" + key + "', which is no key of its section");
    }

    /** A value's text as the type a record component has; IllegalArgumentException says what is expected. */
    static Object convert(Class<?> type, String text) {
        String s = text.strip();
        if (type == String.class) {
            return s;
        }
        if (type == boolean.class) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException("expected true or false");
            };
        }
        if (type == int.class) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
        }
        if (type == double.class || type == Double.class) {
            if (type == Double.class && (s.isEmpty() || s.equalsIgnoreCase("default"))) {
                return null; // the model's own value
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(type == Double.class ? "expected a number, or default"
                        : "expected a number");
            }
        }
        if (type == Path.class) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("expected a path");
            }
            return Path.of(s.equals("~") || s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s);
        }
        if (type == LanguageCode.class) {
            return NllbLanguages.parse(s);
        }
        if (type.isEnum()) {
            return choice(type.asSubclass(Enum.class), s);
        }
        throw new IllegalStateException("no configuration value can be a " + type);
    }

    /** One of an enum's constants, written in kebab-case ("speak-all"). */
    private static Object choice(Class<? extends Enum> type, String s) {
        for (Enum<?> e : type.getEnumConstants()) {
            if (word(e).equals(s.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected one of: "
                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(ConfigBinder::word).toList()));
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
