package dev.streamtts.cli;

/** The process's exit codes. Scripts (run_worker.sh) rely on them. */
public final class ExitCode {
    /** Everything was read and spoken. */
    public static final int OK = 0;
    /** The run failed (a stage crashed, nothing could be spoken, an output failed, stdin could not be read). */
    public static final int FAILURE = 1;
    /** Bad usage, bad configuration, or missing/corrupt models: nothing was read. */
    public static final int USAGE = 2;
    /** Interrupted by Ctrl-C (128 + SIGINT); the JVM gives 143 for SIGTERM and 129 for SIGHUP. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
