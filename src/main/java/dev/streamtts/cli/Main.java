package dev.streamtts.cli;

/** Entry point. Keep it free of loggers: verbosity must be set before the first one is made. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // First, before anything loads ONNX Runtime or DJL: their telemetry off (see NativeEnvironment).
        Libc libc = Libc.load();
        NativeEnvironment.applyOptOuts(libc, System.err);
        System.setProperty("java.awt.headless", "true");
        Shutdown.install();
        Env env = Env.system();
        StandardInput.watch(env.stdin(), libc);
        System.exit(CommandLineFactory.create(env).execute(args));
    }
}
