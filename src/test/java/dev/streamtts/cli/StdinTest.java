package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real program in its own process with a closed, unreadable or terminal standard input. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StdinTest {
    static final String HOW = "pipe Claude Code's stream-json into it: "
            + "claude -p \"…\" --output-format stream-json --verbose | stream-tts";

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    /** {@code bash -c 'exec java … ARGS REDIRECT'}: the JVM starts with fd 0 as the redirection leaves it. */
    Result run(String redirect, String... args) throws Exception {
        StringBuilder cmd = new StringBuilder("exec");
        for (String a : Processes.command(List.of(args))) {
            cmd.append(' ').append(quote(a));
        }
        cmd.append(' ').append(redirect);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder("bash", "-c", cmd.toString()).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out (it read something as input): " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    @Timeout(60)
    void aClosedStandardInputIsAUsageErrorNotTheJvmsOwnModulesFile() throws Exception {
        Result r = run("<&-", "--dry-run", "--no-translate");
        assertThat(r.exitCode).as(r.err).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).isEqualTo("stream-tts: standard input is closed; " + HOW + "\n");
        assertThat(r.out).isEmpty();
        // Only the speak command reads stdin.
        Result help = run("<&-", "--help");
        assertThat(help.exitCode).as(help.err).isEqualTo(0);
        assertThat(help.out).contains("Usage: stream-tts");
    }

    @Test
    @Timeout(60)
    void aWriteOnlyOrDirectoryStandardInputIsAUsageError() throws Exception {
        Result writeOnly = run("0>" + quote(dir.resolve("w").toString()), "--dry-run", "--no-translate");
        assertThat(writeOnly.exitCode).as(writeOnly.err).isEqualTo(ExitCode.USAGE);
        assertThat(writeOnly.err).isEqualTo("stream-tts: standard input is open for writing only; " + HOW + "\n");
        Result directory = run("<" + quote(dir.toString()), "--dry-run", "--no-translate");
        assertThat(directory.exitCode).as(directory.err).isEqualTo(ExitCode.USAGE);
        assertThat(directory.err).isEqualTo("stream-tts: standard input is a directory; " + HOW + "\n");
        // An empty input is fine: nothing to say.
        Result empty = run("</dev/null", "--dry-run", "--no-translate");
        assertThat(empty.exitCode).as(empty.err).isEqualTo(0);
        assertThat(empty.err).isEmpty();
    }

    @Test
    @Timeout(60)
    void aTerminalGetsAHintAndIsReadUntilCtrlD() throws Exception {
        Assumptions.assumeTrue(OS.current() == OS.LINUX, "util-linux script(1)");
        String cmd = String.join(" ", Processes.command(List.of("--dry-run", "--no-translate")).stream()
                .map(StdinTest::quote).toList());
        Path out = dir.resolve("tty.txt");
        Process p;
        try {
            // script(1) runs the command on a new pseudo-terminal; the line typed, then Ctrl-D, reach it there.
            p = new ProcessBuilder("script", "-qec", cmd, "/dev/null").redirectOutput(out.toFile())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("script(1) from util-linux is needed: " + e);
            }
            Assumptions.abort("script(1) from util-linux is not installed");
            return;
        }
        p.getOutputStream().write("{\"content\":[{\"type\":\"text\",\"text\":\"Typed in.\"}]}\n\u0004"
                .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out on a terminal: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        String tty = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(tty).isEqualTo(0);
        assertThat(tty).contains("stream-tts: standard input is a terminal: type or paste stream-json lines "
                + "(Ctrl-D ends, Ctrl-C stops), or " + HOW);
        assertThat(tty).contains("{\"seq\":1,\"text\":\"Typed in.\",\"translation\":null}");
    }
}
