package dev.streamtts.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backlog's own catch-up check, on a clock the test moves. */
class BacklogTest {
    private final ManualClock clock = new ManualClock();
    private final Metrics metrics = new Metrics();

    private Backlog backlog(BacklogPolicy policy, Lag lag) {
        return new Backlog(new CatchUp(policy, Duration.ofSeconds(5).toNanos(), metrics, clock), lag);
    }

    private Sentence readyNow(long seq) {
        return new Sentence(seq, "Sentence " + seq + ".", clock.nanoTime(), clock.nanoTime());
    }

    @Test
    void underCatchUpSentencesTooOldWhenTakenAreSkippedTogetherAndCounted() throws Exception {
        Lag lag = new Lag(BacklogPolicy.CATCH_UP, clock);
        Backlog backlog = backlog(BacklogPolicy.CATCH_UP, lag);
        backlog.add(readyNow(1));
        backlog.add(readyNow(2));
        clock.advance(Duration.ofSeconds(3));
        backlog.add(readyNow(3));
        clock.advance(Duration.ofMillis(2_500)); // 1 and 2 have waited 5.5 s, 3 has waited 2.5 s
        assertThat(backlog.take().seq()).isEqualTo(3);
        assertThat(metrics.caughtUp()).isEqualTo(2);
        assertThat(lag.behindNanos()).isEqualTo(Duration.ofMillis(2_500).toNanos()); // 1 and 2 left the tracker
        backlog.close();
        assertThat(backlog.take()).isNull();
        assertThat(backlog.take()).isNull(); // the end stays the end
    }

    @Test
    void underSpeakAllNothingIsSkippedHoweverOld() throws Exception {
        Backlog backlog = backlog(BacklogPolicy.SPEAK_ALL, new Lag(BacklogPolicy.SPEAK_ALL, clock));
        backlog.add(readyNow(1));
        backlog.add(readyNow(2));
        clock.advance(Duration.ofHours(1));
        assertThat(backlog.take().seq()).isEqualTo(1);
        assertThat(backlog.take().seq()).isEqualTo(2);
        assertThat(metrics.caughtUp()).isZero();
    }
}
