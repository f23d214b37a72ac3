package dev.streamtts.cli.config;

/** Bad configuration: stops the program at start-up with one line that says where and how to fix it. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
