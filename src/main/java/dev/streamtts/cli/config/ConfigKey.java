package dev.streamtts.cli.config;

/**
 * One configuration option: its dotted path in {@code config.yaml}, its built-in default (as text, parsed
 * like any other value, so the documented file and the defaults can be compared), and its parser.
 */
public record ConfigKey<T>(String path, String defaultText, ValueParser<T> parser) {
    public T defaultValue() {
        return parser.parse(defaultText);
    }
}
