package dev.streamtts.cli;

/** Entry point. Keep it free of loggers: verbosity must be set before the first one is made. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // DJL's tokenizers would otherwise contact a cloud metadata endpoint at start-up.
        System.setProperty("offline", "true");
        System.setProperty("java.awt.headless", "true");
        Shutdown.install();
        System.exit(CommandLineFactory.create(Env.system()).execute(args));
    }
}
