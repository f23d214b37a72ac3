package dev.streamtts.cli;

/**
 * Log verbosity for slf4j-simple, which reads it once, when the first logger is made: so this runs
 * first thing in {@code main} and in each command before any stage class is loaded. Logs go to stderr;
 * stdout is reserved for {@code --dry-run} and {@code --passthrough}.
 */
final class Logging {
    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {
    }

    static void configure(boolean verbose, boolean quiet) {
        System.setProperty(LEVEL, verbose ? "debug" : quiet ? "warn" : "info");
    }
}
