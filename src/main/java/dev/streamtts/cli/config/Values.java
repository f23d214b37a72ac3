package dev.streamtts.cli.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** The parsers configuration values use. Messages say what is expected; the caller adds where. */
final class Values {
    private Values() {
    }

    public static ValueParser<Boolean> bool() {
        return text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    public static ValueParser<Integer> integer(int min, int max) {
        return text -> {
            int v;
            try {
                v = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            return v;
        };
    }

    public static ValueParser<Double> number(double min, double max) {
        return text -> {
            double v;
            try {
                v = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number from " + min + " to " + max);
            }
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException("expected a number from " + min + " to " + max);
            }
            return v;
        };
    }

    /** A number, or the word "default" (null: let the model decide). */
    public static ValueParser<Double> numberOrDefault(double min, double max) {
        ValueParser<Double> number = number(min, max);
        return text -> {
            if (text.strip().equalsIgnoreCase("default") || text.isBlank()) {
                return null;
            }
            try {
                return number.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ", or default");
            }
        };
    }

    public static ValueParser<String> string() {
        return String::strip;
    }

    public static ValueParser<Path> path() {
        return text -> {
            String s = text.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("expected a path");
            }
            if (s.equals("~") || s.startsWith("~/")) {
                s = System.getProperty("user.home") + s.substring(1);
            }
            return Path.of(s);
        };
    }

    /** One of a fixed set of words, written in kebab-case in the file. */
    public static <E extends Enum<E>> ValueParser<E> choice(Class<E> type) {
        Function<E, String> word = e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return text -> {
            for (E e : type.getEnumConstants()) {
                if (word.apply(e).equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            throw new IllegalArgumentException("expected one of: "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(word).toList()));
        };
    }
}
