package dev.streamtts.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in-process with captured streams and chosen directories. */
final class Cli {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;

    static Cli run(Path workDir, InputStream stdin, String... args) {
        Cli c = new Cli();
        Env env = new Env(stdin, c.out, new PrintStream(c.err, true, StandardCharsets.UTF_8), workDir,
                workDir.resolve("user-config"), workDir, Map.of()); // no proxies from the machine running the tests
        c.exitCode = CommandLineFactory.create(env).execute(args);
        return c;
    }

    static Cli run(Path workDir, String stdin, String... args) {
        return run(workDir, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
