package dev.streamtts.cli;

import dev.streamtts.onnx.AutoProvider;
import dev.streamtts.onnx.NativeCalls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one shutdown hook (Ctrl-C, SIGTERM, SIGHUP; the JVM exits with 128 + the signal's number). It runs
 * the registered actions in order (stop the pipeline, wait for its stages, print --stats), stops a
 * provider trial in progress, then closes the {@link NativeCalls} gate, so the process exits only while
 * no thread is inside ONNX Runtime: a run still going when the native libraries are torn down would
 * crash the JVM.
 */
final class Shutdown {
    /** Longest a native call in progress (one decoder step, one voice run) is waited for at exit. */
    static final Duration NATIVE_GRACE = Duration.ofSeconds(5);

    private static final List<Runnable> ACTIONS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;
    private static volatile boolean exiting;

    private Shutdown() {
    }

    /** Installs the hook, once per process. Tests running commands in-process never call it. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(Shutdown::exit, "stream-tts-shutdown"));
    }

    /** True once the process is exiting (a signal, or System.exit). */
    static boolean exiting() {
        return exiting;
    }

    /** Runs {@code action} at exit, unless the returned handle is closed first. */
    static AutoCloseable onExit(Runnable action) {
        ACTIONS.add(action);
        return () -> ACTIONS.remove(action);
    }

    private static void exit() {
        exiting = true;
        for (Runnable action : ACTIONS) {
            try {
                action.run();
            } catch (RuntimeException e) {
                System.err.println("stream-tts: while stopping: " + e);
            }
        }
        AutoProvider.stopTrials(NATIVE_GRACE); // a background provider trial owns sessions of its own
        NativeCalls.closeGate(NATIVE_GRACE);
        System.err.flush();
        System.out.flush();
    }
}
