package dev.streamtts.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PrefetchInputStreamTest {

    /** A writer on a 64 KB pipe that writes {@code data} and counts down when all of it was taken. */
    private static Thread writer(PipedOutputStream pipe, byte[] data, CountDownLatch done) {
        Thread t = new Thread(() -> {
            try (OutputStream out = pipe) {
                out.write(data);
                done.countDown();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void theWriterIsNeverKeptWaitingAndEveryByteArrivesInOrder() throws Exception {
        PipedInputStream pipe = new PipedInputStream(64 * 1024);
        byte[] data = random(3 << 20);
        CountDownLatch written = new CountDownLatch(1);
        writer(new PipedOutputStream(pipe), data, written);
        try (PrefetchInputStream in = new PrefetchInputStream(pipe, 64 << 20)) {
            // nobody reads yet: the writer is done anyway, 3 MB through a 64 KB pipe
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            assertThat(got.toByteArray()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void itHoldsAtMostItsLimitUnread() throws Exception {
        PipedInputStream pipe = new PipedInputStream(64 * 1024);
        byte[] data = random(2 << 20);
        CountDownLatch written = new CountDownLatch(1);
        writer(new PipedOutputStream(pipe), data, written);
        try (PrefetchInputStream in = new PrefetchInputStream(pipe, 256 * 1024)) {
            assertThat(written.await(500, TimeUnit.MILLISECONDS)).as("2 MB cannot fit 256 KB + a 64 KB pipe").isFalse();
            assertThat(in.buffered()).isLessThanOrEqualTo(256 * 1024);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got); // reading makes room
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(got.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void aReadErrorComesAfterTheBytesBeforeIt() throws Exception {
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 5) {
                    return 'a';
                }
                throw new IOException("stdin went away");
            }
        };
        try (PrefetchInputStream in = new PrefetchInputStream(failing, 1024)) {
            byte[] b = new byte[5];
            assertThat(in.readNBytes(b, 0, 5)).isEqualTo(5);
            assertThat(new String(b)).isEqualTo("aaaaa");
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stdin went away");
        }
    }

    @Test
    void aReaderWaitingForInputCanBeInterrupted() throws Exception {
        PipedInputStream pipe = new PipedInputStream();
        PipedOutputStream keepOpen = new PipedOutputStream(pipe);
        try (PrefetchInputStream in = new PrefetchInputStream(pipe, 1024); keepOpen) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    in.read();
                } catch (IOException e) {
                    thrown.set(e);
                }
            });
            reader.start();
            Thread.sleep(100);
            reader.interrupt();
            reader.join(5_000);
            assertThat(reader.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        }
    }
}
