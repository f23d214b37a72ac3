package dev.streamtts.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the real program in its own JVM, as a user's shell would, for tests of signals and faults. */
final class Processes {
    private Processes() {
    }

    /**
     * {@code java … dev.streamtts.cli.Main ARGS} in {@code workDir}, with the launcher's garbage collector.
     * The client compiler alone, as the test JVM runs: start-up is most of what a process test costs.
     */
    static Process startMain(Path workDir, List<String> args) throws IOException {
        return new ProcessBuilder(command(args)).directory(workDir.toFile()).start();
    }

    static List<String> command(List<String> args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", classpath,
                "dev.streamtts.cli.Main"));
        command.addAll(args);
        return command;
    }

    static void signal(Process p, String name) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor();
        if (rc != 0 && p.isAlive()) {
            throw new IllegalStateException("kill -" + name + " failed with " + rc);
        }
    }

    /**
     * Waits for {@link #drain} threads after their process ended: a drain still running means the output
     * read so far is cut short, and checks like "does not contain" would pass on the missing part.
     */
    static void awaitDrained(Thread... drains) throws InterruptedException {
        for (Thread t : drains) {
            t.join(5_000);
            if (t.isAlive()) {
                throw new AssertionError("the process's output was still being read 5 s after it ended");
            }
        }
    }

    /** Copies a process's output into {@code sink} on a thread of its own. */
    static Thread drain(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    synchronized (sink) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
