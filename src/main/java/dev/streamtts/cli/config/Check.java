package dev.streamtts.cli.config;

/**
 * The range checks of the configuration's sections, made in their constructors. A failure names the key
 * (as config.yaml writes it), so that the loader can say where the value was set.
 */
final class Check {
    private Check() {
    }

    /** A value out of its range; the message says what is expected. */
    static final class Failure extends IllegalArgumentException {
        final String key;

        Failure(String key, String expected) {
            super("expected " + expected);
            this.key = key;
        }
    }

    static int within(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new Failure(key, "a whole number from " + min + " to " + max);
        }
        return value;
    }

    static double within(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new Failure(key, "a number from " + number(min) + " to " + number(max));
        }
        return value;
    }

    /** A number in its range, or null: "default", the model's own value. */
    static Double withinOrDefault(String key, Double value, double min, double max) {
        if (value != null && !(value >= min && value <= max)) {
            throw new Failure(key, "a number from " + number(min) + " to " + number(max) + ", or default");
        }
        return value;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d); // "4", not "4.0"
    }
}
