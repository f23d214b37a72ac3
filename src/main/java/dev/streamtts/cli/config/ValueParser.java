package dev.streamtts.cli.config;

/** Turns a configuration value's text into a typed value, or says what was expected. */
@FunctionalInterface
public interface ValueParser<T> {
    /**
     * @throws IllegalArgumentException with a message saying what is expected
     */
    T parse(String text);
}
