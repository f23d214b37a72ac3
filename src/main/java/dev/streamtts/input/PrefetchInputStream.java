package dev.streamtts.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Reads its source on a thread of its own from the moment it is made, into memory, so that whoever
 * writes the source never waits for us: Claude's output is drained while the models load (seconds) or
 * download (minutes at the first run) and the pipeline's reader is not started yet. Holds at most
 * {@code limit} bytes unread; beyond that the source is read no further until the reader catches up.
 */
public final class PrefetchInputStream extends InputStream {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Thread pump;
    private volatile IOException failure;
    private byte[] current = new byte[0];
    private int at;
    private boolean ended;

    /** Starts reading {@code source} at once. */
    public PrefetchInputStream(InputStream source, int limit) {
        this.room = new Semaphore(Math.max(limit, CHUNK));
        this.pump = new Thread(() -> pump(source), "stream-tts-stdin");
        pump.setDaemon(true); // a read blocked on stdin must never keep the process alive
        pump.start();
    }

    private void pump(InputStream source) {
        try {
            byte[] buf = new byte[CHUNK];
            for (int n = source.read(buf); n >= 0; n = source.read(buf)) {
                if (n == 0) {
                    continue;
                }
                room.acquire(n);
                byte[] chunk = new byte[n];
                System.arraycopy(buf, 0, chunk, 0, n);
                chunks.put(chunk);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            chunks.add(END);
        }
    }

    /** Bytes read from the source and not yet taken by the reader. */
    public long buffered() {
        long n = current.length - at;
        for (byte[] c : chunks) {
            n += c.length;
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Blocks (interruptibly: an interrupt ends the read with an {@link java.io.InterruptedIOException}). */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (at == current.length) {
            if (ended) {
                return -1;
            }
            byte[] next;
            try {
                next = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("stopped");
            }
            if (next == END) {
                ended = true;
                chunks.add(END); // later reads end too
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            room.release(current.length);
            current = next;
            at = 0;
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - at;
    }

    /** Stops reading the source (a read blocked in it is left to end with the process). */
    @Override
    public void close() {
        pump.interrupt();
    }
}
