package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exit path closes the gate: it waits for the native call in progress and lets no new one start.
 * (On a gate of its own: the process's gate must stay open for the other tests.)
 */
class NativeCallsTest {

    @Test
    @Timeout(20)
    void closingTheGateWaitsForTheCallInProgressAndKeepsLaterOnesOut() throws Exception {
        NativeCalls.Gate gate = new NativeCalls.Gate();
        CountDownLatch inside = new CountDownLatch(1);
        long[] callEnded = {0};
        Thread caller = new Thread(() -> {
            try {
                gate.run(() -> {
                    inside.countDown();
                    Thread.sleep(300); // a model run
                    callEnded[0] = System.nanoTime();
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        caller.start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.close(Duration.ofSeconds(5))).isTrue();
        long closedAt = System.nanoTime();
        assertThat(callEnded[0]).isPositive().isLessThanOrEqualTo(closedAt);

        AtomicBoolean ran = new AtomicBoolean();
        Thread late = new Thread(() -> gate.run(() -> {
            ran.set(true);
            return null;
        }));
        late.setDaemon(true);
        late.start();
        late.join(500);
        assertThat(late.isAlive()).as("a call after the gate closed must wait for the exit").isTrue();
        assertThat(ran).isFalse();
    }
}
