package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * run_worker.sh as real processes: a stand-in `claude` first on PATH, and in the pipe either the real
 * stream-tts main class or a stand-in filter (WORKER_STREAM_TTS) that fails.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(120)
class RunWorkerScriptTest {
    @TempDir
    Path dir;

    private static final String BASH = onPath("bash");

    /** Starts run_worker.sh in its own process group; filter == null puts the real stream-tts in the pipe. */
    private Process start(String fakeClaude, String filter, String... args) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("claude"), fakeClaude);
        List<String> command = new ArrayList<>();
        if (onPath("setsid") != null) {
            command.add("setsid");
        } else { // macOS has no setsid(1)
            command.addAll(List.of("perl", "-e", "setpgrp(0, 0); exec @ARGV or die \"exec: $!\""));
        }
        command.addAll(List.of(BASH, Path.of("run_worker.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        if (filter == null) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Quick JVM starts: these runs speak a line or two.
            env.put("WORKER_STREAM_TTS", java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp " + classpath
                    + " dev.streamtts.cli.Main");
        } else {
            env.put("WORKER_STREAM_TTS", script(dir.resolve("filter"), filter).toString());
        }
        return pb.redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Waits for the loop to end and returns its exit code; a time-out fails the test (and kills the loop). */
    private int finish(Process p, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            killGroup(p);
            fail("run_worker.sh did not end within " + seconds + " s; its stderr:\n" + stderr());
        }
        return p.exitValue();
    }

    /** The loop, claude and stream-tts: none is left running after a failed test. */
    private static void killGroup(Process p) throws Exception {
        new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).start().waitFor(5, TimeUnit.SECONDS);
        p.waitFor(5, TimeUnit.SECONDS);
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    }

    private List<Path> logs(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("logs"))) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void logsEachRunSeparatelyAndStopsWhenClaudeFails() throws Exception {
        String fake = """
                n=$(cat "$0.count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$0.count"
                echo "a warning on stderr" >&2
                echo '{"content":[{"type":"text","text":"Run number '$n' speaks."}]}'
                [ $n -lt 2 ]
                """;
        Process p = start(fake, null, "--prompt", "do it", "--log-dir", "logs", "--pause", "0", "--",
                "--dry-run", "--no-translate");
        // Two runs suffice: a second log of its own, and no third run after the failed one.
        assertThat(finish(p, 60)).isEqualTo(1); // the second claude run failed
        assertThat(logs(".jsonl")).hasSize(2);
        assertThat(logs(".err")).hasSize(2);
        assertThat(Files.readString(logs(".jsonl").get(0))).contains("Run number 1 speaks.").doesNotContain("warning");
        assertThat(Files.readString(logs(".err").get(0))).contains("a warning on stderr");
        String spoken = Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
        assertThat(spoken).contains("Run number 1 speaks.").contains("Run number 2 speaks.");
        assertThat(Files.readString(logs(".jsonl").get(1))).contains("Run number 2 speaks.");
        assertThat(stderr()).contains("claude exited with 1 on run 2; stopping (see logs/run-")
                .doesNotContain("stream-tts exited");
    }

    @Test
    void stopsAfterTheMaximumNumberOfRuns() throws Exception {
        Process p = start("echo '{\"content\":[{\"type\":\"text\",\"text\":\"Hi.\"}]}'", null,
                "-p", "x", "-l", "logs", "-n", "2", "-s", "0", "--", "--dry-run", "--no-translate");
        assertThat(finish(p, 60)).isEqualTo(0);
        assertThat(logs(".jsonl")).hasSize(2);
        assertThat(Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8).split("\"text\":\"Hi.\"", -1))
                .hasSize(3); // spoken once per run
        assertThat(stderr()).contains("done after 2 runs.");
    }

    /** What the fake claude writes on each run: over 1 MB, and a last line without a newline. */
    private Path claudeOutput() throws IOException {
        StringBuilder out = new StringBuilder();
        String pad = "é".repeat(50_000);
        for (int i = 1; i <= 11; i++) {
            out.append("{\"type\":\"assistant\",\"n\":").append(i).append(",\"pad\":\"").append(pad).append("\"}\n");
        }
        out.append("{\"type\":\"result\",\"subtype\":\"success\"}");
        Path file = dir.resolve("claude-output.jsonl");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isGreaterThan(1_000_000);
        return file;
    }

    /** A claude that writes {@link #claudeOutput()} and records, per run, the exit status of its writer (141 = SIGPIPE). */
    private String claudeWriting(Path output) {
        return "cat '" + output + "'\ns=$?; echo $s >> \"$0.status\"; exit $s";
    }

    private void assertClaudeNeverSawABrokenPipe(int runs, Path output) throws IOException {
        assertThat(Files.readAllLines(dir.resolve("bin/claude.status"))).containsExactly(
                Stream.generate(() -> "0").limit(runs).toArray(String[]::new));
        List<Path> logs = logs(".jsonl");
        assertThat(logs).hasSize(runs);
        byte[] expected = Files.readAllBytes(output);
        for (Path log : logs) {
            assertThat(Files.readAllBytes(log)).as("%s, byte for byte", log).isEqualTo(expected);
        }
        assertThat(stderr()).doesNotContain("claude exited").doesNotContainIgnoringCase("broken pipe");
    }

    @Test
    void aFilterThatFailsAtOnceNeitherTruncatesTheLogNorKillsClaude() throws Exception {
        Path output = claudeOutput();
        String filter = """
                [ "$1" = --version ] && exit 0
                echo started >> "$0.runs"
                exit 2
                """;
        Process p = start(claudeWriting(output), filter, "-p", "x", "-l", "logs", "-n", "2", "-s", "0", "--", "--bad");
        assertThat(finish(p, 30)).isEqualTo(0);
        assertClaudeNeverSawABrokenPipe(2, output);
        assertThat(Files.readAllLines(dir.resolve("filter.runs"))).hasSize(2); // started again for run 2
        assertThat(stderr())
                .contains("stream-tts exited with 2 on run 1: speech stopped for this run; claude's output is still"
                        + " logged in full (logs/run-")
                .contains("stream-tts is started again for the next run")
                .contains("stream-tts exited with 2 on run 2: speech stopped for this run")
                .contains("done after 2 runs; stream-tts failed on 2 of them");
    }

    @Test
    void aFilterThatCrashesMidStreamIsStartedAgainForTheNextRun() throws Exception {
        Path output = claudeOutput();
        String filter = """
                [ "$1" = --version ] && exit 0
                n=$(cat "$0.count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$0.count"
                if [ $n -eq 1 ]; then IFS= read -r line; kill -SEGV $$; fi
                cat > "$0.input.$n"
                """;
        Process p = start(claudeWriting(output), filter, "-p", "x", "-l", "logs", "-n", "2", "-s", "0");
        assertThat(finish(p, 30)).isEqualTo(0);
        assertClaudeNeverSawABrokenPipe(2, output);
        // The second run's filter is a new one, and it got the whole stream.
        assertThat(Files.readAllBytes(dir.resolve("filter.input.2"))).isEqualTo(Files.readAllBytes(output));
        assertThat(stderr())
                .contains("stream-tts exited with 139 (SIGSEGV) on run 1: speech stopped for this run")
                .doesNotContain("on run 2:")
                .contains("done after 2 runs; stream-tts failed on 1 of them");
    }

    @Test
    void ctrlCEndsTheLoopCleanly() throws Exception {
        Process p = start("echo '{\"content\":[{\"type\":\"text\",\"text\":\"Long run.\"}]}'; sleep 30", null,
                "-p", "x", "-l", "logs", "-s", "0", "--", "--dry-run", "--no-translate");
        Path log = dir.resolve("stdout");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.readString(log).contains("Long run.")) {
            if (System.currentTimeMillis() > deadline || !p.isAlive()) {
                killGroup(p); // then fail with this message, not finish()'s "did not end"
                fail("\"Long run.\" was never spoken; stderr:\n" + stderr());
            }
            Thread.sleep(50);
        }
        // A terminal's Ctrl-C goes to the whole process group: claude, stream-tts and the loop.
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
        assertThat(finish(p, 20)).isEqualTo(130);
        assertThat(stderr()).contains("interrupted; logs are in logs").doesNotContain("exited with");
        assertThat(logs(".jsonl")).hasSize(1);
    }

    @Test
    void missingClaudeOrPromptIsAClearError() throws Exception {
        // A PATH with what the script needs before it looks for claude, and no claude.
        Path noClaude = Files.createDirectories(dir.resolve("no-claude"));
        Files.writeString(noClaude.resolve("dirname"), "#!" + BASH + "\nexec '" + onPath("dirname") + "' \"$@\"\n");
        Files.setPosixFilePermissions(noClaude.resolve("dirname"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(BASH, Path.of("run_worker.sh").toAbsolutePath().toString(), "-p", "x")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        pb.environment().put("PATH", noClaude.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        // Output to a file: reading a pipe first would hang on a script that never ends, past the 10 s below.
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("run_worker.sh without claude did not end").isTrue();
        String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("'claude' (Claude Code) is not on PATH");

        Process noPrompt = start("true", null, "-l", "logs");
        assertThat(finish(noPrompt, 10)).isEqualTo(2);
        assertThat(stderr()).contains("no prompt");
    }

    private static String onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
