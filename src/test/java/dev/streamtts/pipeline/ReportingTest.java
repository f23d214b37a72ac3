package dev.streamtts.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.translate.TranslationException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the log says about failures and lag, with a clock the test moves by hand. */
class ReportingTest {
    private final ManualClock clock = new ManualClock();

    private static Sentence sentence(long seq, long readyNanos) {
        return new Sentence(seq, "Sentence " + seq + ".", readyNanos, readyNanos);
    }

    private void advanceSeconds(double s) {
        clock.advance(Duration.ofNanos((long) (s * 1e9)));
    }

    @Test
    void fiveThousandIdenticalFailuresGiveAHandfulOfLinesAndEveryOneIsCounted() {
        Metrics metrics = new Metrics();
        Failures failures = new Failures(metrics);
        int logged = 0;
        for (int i = 1; i <= 5_000; i++) {
            if (failures.report("could not speak", sentence(i, 0), "Text.", new TranslationException("bad model"))) {
                logged++;
            }
        }
        // the first, then at 10, 100 and 1000 times, then the total at the end
        assertThat(logged).isEqualTo(4);
        assertThat(failures.summarize()).isEqualTo(1);
        assertThat(metrics.failed()).isEqualTo(5_000);
        // a different failure is news, and logged at once
        assertThat(failures.report("could not speak", sentence(5_001, 0), "Text.", new TranslationException("other")))
                .isTrue();
    }

    @Test
    void speechBehindIsReportedOnATimerEvenWhenNoSentenceArrives() {
        Lag lag = new Lag(BacklogPolicy.SPEAK_ALL, clock);
        lag.entered(sentence(1, clock.nanoTime()));
        lag.entered(sentence(2, clock.nanoTime()));
        advanceSeconds(9.5);
        assertThat(lag.check()).isFalse(); // under 10 s
        advanceSeconds(1);
        assertThat(lag.check()).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(lag.behindNanos())).isEqualTo(10_500);
        advanceSeconds(5);
        assertThat(lag.check()).isFalse(); // at most every 15 s
        advanceSeconds(10);
        assertThat(lag.check()).isTrue();
        lag.left(sentence(1, 0));
        lag.left(sentence(2, 0));
        assertThat(lag.behindNanos()).isZero();
        advanceSeconds(60);
        assertThat(lag.check()).isFalse();
    }

    @Test
    void catchUpJudgesAgeByTheClockAtTheMomentOfTheCheck() {
        Metrics metrics = new Metrics();
        CatchUp catchUp = new CatchUp(BacklogPolicy.CATCH_UP, Duration.ofSeconds(5).toNanos(), metrics, clock);
        Sentence s = sentence(1, clock.nanoTime());
        advanceSeconds(4.9);
        assertThat(catchUp.stale(s)).isFalse();
        advanceSeconds(0.2);
        assertThat(catchUp.stale(s)).isTrue();
        catchUp.skipped(3, 0);
        assertThat(metrics.caughtUp()).isEqualTo(3);

        CatchUp speakAll = new CatchUp(BacklogPolicy.SPEAK_ALL, Duration.ofSeconds(5).toNanos(), metrics, clock);
        advanceSeconds(3600);
        assertThat(speakAll.stale(s)).isFalse();
    }

    @Test
    void activityPhrasesAreTheFirstToGoUnderEitherPolicyAndTheLogSaysHowMany() throws Exception {
        Sentence prose = sentence(1, clock.nanoTime());
        Sentence activity = new Sentence(2, "Reading README.md.", clock.nanoTime(), clock.nanoTime(), Sentence.Kind.ACTIVITY);
        Sentence summary = new Sentence(3, "Done.", clock.nanoTime(), clock.nanoTime(), Sentence.Kind.SUMMARY);
        Metrics metrics = new Metrics();
        CatchUp speakAll = new CatchUp(BacklogPolicy.SPEAK_ALL, Duration.ofSeconds(30).toNanos(), metrics, clock);
        CatchUp catchUp = new CatchUp(BacklogPolicy.CATCH_UP, Duration.ofSeconds(30).toNanos(), metrics, clock);
        advanceSeconds(4.9);
        assertThat(speakAll.stale(activity)).isFalse();
        advanceSeconds(0.2);
        for (CatchUp policy : new CatchUp[] {speakAll, catchUp}) {
            assertThat(policy.stale(activity)).isTrue();
            assertThat(policy.stale(prose)).isFalse();
            assertThat(policy.stale(summary)).isFalse();
        }
        advanceSeconds(30);
        assertThat(catchUp.stale(prose)).isTrue();
        assertThat(catchUp.stale(summary)).isTrue(); // a summary is speech like prose: late is late
        assertThat(speakAll.stale(prose)).isFalse();

        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            speakAll.skipped(activity);
            speakAll.skipped(activity);
            speakAll.flush();
        } finally {
            System.setErr(original);
        }
        assertThat(metrics.activityDropped()).isEqualTo(2);
        assertThat(metrics.caughtUp()).isZero(); // prose skipped to catch up is counted apart
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("dropped 1 activity phrase ").contains("dropped 1 activity phrase (")
                .doesNotContain("dropped 2");
    }
}
