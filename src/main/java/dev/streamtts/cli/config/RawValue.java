package dev.streamtts.cli.config;

/**
 * A value as written by the user, before parsing.
 *
 * @param text   the scalar's text ("" for an empty YAML value)
 * @param origin where it was written: "config.yaml:12" or "--target-lang"
 */
public record RawValue(String text, String origin) {
}
