package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Ctrl-C on the real program, in its own process: SIGINT must end it promptly with exit code 130. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class InterruptTest {


    @Test
    @Timeout(60)
    void ctrlCEndsARunWaitingForInputWithExitCode130() throws Exception {
        Process p = new ProcessBuilder(Processes.command(List.of("--dry-run", "--no-translate"))).start();
        OutputStream stdin = p.getOutputStream(); // stays open, like a live claude
        stdin.write("{\"content\":[{\"type\":\"text\",\"text\":\"Before the interrupt.\"}]}\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).contains("Before the interrupt.");
        long t0 = System.nanoTime();
        Processes.signal(p, "INT");
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(p.exitValue()).isEqualTo(130);
        assertThat(millis).isLessThan(300); // JVM exit included (measured ~20 ms)
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
