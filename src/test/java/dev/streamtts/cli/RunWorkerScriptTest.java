package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** run_worker.sh with a stand-in `claude` on PATH and the real stream-tts main class in the pipe. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(120)
class RunWorkerScriptTest {
    @TempDir
    Path dir;

    private Process start(String fakeClaude, String... args) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path claude = bin.resolve("claude");
        Files.writeString(claude, "#!/usr/bin/env bash\n" + fakeClaude + "\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of("setsid", "bash", Path.of("run_worker.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("WORKER_STREAM_TTS", java + " -cp " + classpath + " dev.streamtts.cli.Main");
        return pb.redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
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
                [ $n -lt 3 ]
                """;
        Process p = start(fake, "--prompt", "do it", "--log-dir", "logs", "--pause", "0", "--",
                "--dry-run", "--no-translate");
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1); // the third claude run failed
        assertThat(logs(".jsonl")).hasSize(3);
        assertThat(logs(".err")).hasSize(3);
        assertThat(Files.readString(logs(".jsonl").get(0))).contains("Run number 1 speaks.").doesNotContain("warning");
        assertThat(Files.readString(logs(".err").get(0))).contains("a warning on stderr");
        String spoken = Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
        assertThat(spoken).contains("Run number 1 speaks.").contains("Run number 2 speaks.");
        assertThat(Files.readString(dir.resolve("stderr"))).contains("claude exited with 1 on run 3");
    }

    @Test
    void stopsAfterTheMaximumNumberOfRuns() throws Exception {
        Process p = start("echo '{\"content\":[{\"type\":\"text\",\"text\":\"Hi.\"}]}'",
                "-p", "x", "-l", "logs", "-n", "2", "-s", "0", "--", "--dry-run", "--no-translate");
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(0);
        assertThat(logs(".jsonl")).hasSize(2);
    }

    @Test
    void ctrlCEndsTheLoopCleanly() throws Exception {
        Process p = start("echo '{\"content\":[{\"type\":\"text\",\"text\":\"Long run.\"}]}'; sleep 30",
                "-p", "x", "-l", "logs", "-s", "0", "--", "--dry-run", "--no-translate");
        Path log = dir.resolve("stdout");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.readString(log).contains("Long run.") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        // A terminal's Ctrl-C goes to the whole process group: claude, stream-tts and the loop.
        new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start().waitFor();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        assertThat(Files.readString(dir.resolve("stderr"))).contains("interrupted");
    }

    @Test
    void missingClaudeOrPromptIsAClearError() throws Exception {
        Process p = new ProcessBuilder("bash", Path.of("run_worker.sh").toAbsolutePath().toString(), "-p", "x")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        Map<String, String> env = new ProcessBuilder().environment();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        if (env.get("PATH") != null && !hasClaude(env.get("PATH"))) {
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(out).contains("'claude' (Claude Code) is not on PATH");
        }
        Process noPrompt = start("true", "-l", "logs");
        noPrompt.waitFor(30, TimeUnit.SECONDS);
        assertThat(noPrompt.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr"))).contains("no prompt");
    }

    private static boolean hasClaude(String path) {
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, "claude"))) {
                return true;
            }
        }
        return false;
    }
}
