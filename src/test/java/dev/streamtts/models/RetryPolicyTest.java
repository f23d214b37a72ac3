package dev.streamtts.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final List<Duration> pauses = new ArrayList<>();
    final List<String> said = new ArrayList<>();

    RetryPolicy policy(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(100), pauses::add, said::add);
    }

    @Test
    void aSingleTryNeitherPausesNorSaysItResumes() {
        assertThatThrownBy(() -> policy(1).run("f", () -> {
            throw new RetryableException("cut", null);
        })).isInstanceOf(DownloadException.class).hasMessage("f: cut after 1 attempts; run the command again to resume");
        assertThat(pauses).isEmpty();
        assertThat(said).isEmpty();
    }

    @Test
    void theBackOffGrowsByTheFirstPauseAndStopsBeforeTheLastTry() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        assertThat(policy(4).run("f", () -> {
            if (tries.incrementAndGet() < 4) {
                throw new RetryableException("cut", null);
            }
            return "done";
        })).isEqualTo("done");
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
        assertThat(said).containsExactly("f: cut; resuming (attempt 2 of 4)", "f: cut; resuming (attempt 3 of 4)",
                "f: cut; resuming (attempt 4 of 4)");
    }

    @Test
    void aFailureThatIsNotRetryableEndsAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> policy(4).run("f", () -> {
            tries.incrementAndGet();
            throw new DownloadException("not found");
        })).hasMessage("not found");
        assertThat(tries.get()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void anInterruptDuringAPauseStopsTheDownload() {
        RetryPolicy p = new RetryPolicy(4, Duration.ofMillis(100), d -> {
            throw new InterruptedException();
        }, said::add);
        assertThatThrownBy(() -> p.run("f", () -> {
            throw new RetryableException("cut", null);
        })).isInstanceOf(InterruptedDownload.class);
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
}
