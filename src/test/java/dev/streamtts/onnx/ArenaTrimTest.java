package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArenaTrimTest {
    private static final long S = 1_000_000_000L;

    @Test
    void asksForShrinkageAtMostOncePerInterval() {
        AtomicLong now = new AtomicLong(5 * S);
        ArenaTrim trim = new ArenaTrim(10_000, now::get);
        assertThat(trim.next()).as("right after opening").isNull();
        now.set(14 * S);
        assertThat(trim.next()).isNull();
        now.set(15 * S);
        assertThat(trim.next()).as("10 s later").isNotNull();
        assertThat(trim.next()).as("the run after it").isNull();
        now.set(24 * S);
        assertThat(trim.next()).isNull();
        now.set(40 * S);
        assertThat(trim.next()).as("a long pause: once, not once per interval missed").isNotNull();
        assertThat(trim.next()).isNull();
    }

    @Test
    void intervalZeroShrinksAfterEveryRun() {
        AtomicLong now = new AtomicLong(0);
        ArenaTrim trim = new ArenaTrim(0, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(trim.next()).isNotNull();
        }
    }
}
