package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamtts.models.ModelException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParallelLoadTest {

    /** A loaded model that knows whether it was closed. */
    static final class Loaded implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bothModelsLoadAtTheSameTime() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        ParallelLoad.Load<Loaded, ModelException, ModelException> load = () -> {
            bothStarted.countDown();
            try { // each load finishes only once the other has started: in turn, this would time out
                if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                    throw new ModelException("the other model did not start loading meanwhile");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new Loaded();
        };
        ParallelLoad.Pair<Loaded, Loaded> pair = ParallelLoad.both(load, load);
        assertThat(pair.first()).isNotNull();
        assertThat(pair.second()).isNotNull().isNotSameAs(pair.first());
    }

    @Test
    void whenTheFirstFailsTheSecondIsClosedOnceLoaded() throws Exception {
        Loaded second = new Loaded();
        CountDownLatch secondDone = new CountDownLatch(1);
        assertThatThrownBy(() -> ParallelLoad.<Loaded, Loaded, ModelException, ModelException>both(() -> {
            throw new ModelException("nllb: missing");
        }, () -> {
            sleep(200); // still loading when the first fails
            secondDone.countDown();
            return second;
        })).isInstanceOf(ModelException.class).hasMessage("nllb: missing");
        assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!second.closed.get()) {
            assertThat(System.nanoTime()).as("closed within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void whenTheSecondFailsTheFirstIsClosedAndTheFailureThrownAsItWas() {
        Loaded first = new Loaded();
        assertThatThrownBy(() -> ParallelLoad.<Loaded, Loaded, ModelException, ModelException>both(() -> first, () -> {
            throw new ModelException("voice: broken");
        })).isInstanceOf(ModelException.class).hasMessage("voice: broken");
        assertThat(first.closed).isTrue();
    }
}
