package dev.streamtts.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, so that invalid UTF-8 or a multi-megabyte line
 * is one bad line and never an exception that ends the stream. Lines longer than the limit are drained
 * and reported with their size only, so memory stays bounded whatever arrives.
 */
final class LineReader {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final long maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[8 * 1024];

    public LineReader(InputStream in, long maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Returns the next line, or null at end of input. Blocks only on the underlying stream. */
    public RawLine next() throws IOException {
        int size = 0;
        long length = 0;
        boolean tooLong = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    if (length == 0) {
                        return null;
                    }
                    return finish(size, length, tooLong, false);
                }
            }
            int newline = indexOf(chunk, chunkPos, chunkLen, (byte) '\n');
            int end = newline < 0 ? chunkLen : newline;
            int n = end - chunkPos;
            length += n;
            if (!tooLong && length > maxLineBytes) {
                tooLong = true;
                line = new byte[8 * 1024]; // give back a large buffer at once
                size = 0;
            }
            if (!tooLong) {
                ensureCapacity(size + n);
                System.arraycopy(chunk, chunkPos, line, size, n);
                size += n;
            }
            chunkPos = end;
            if (newline >= 0) {
                chunkPos++;
                return finish(size, length, tooLong, true);
            }
        }
    }

    private RawLine finish(int size, long length, boolean tooLong, boolean terminated) {
        if (tooLong) {
            return new RawLine(new byte[0], terminated, true, length);
        }
        int end = size;
        if (end > 0 && line[end - 1] == '\r') {
            end--; // CRLF from Windows shells and some loggers
        }
        byte[] copy = Arrays.copyOf(line, end);
        if (line.length > 1024 * 1024) {
            line = new byte[8 * 1024]; // don't hold a tool result's worth of memory between lines
        }
        return new RawLine(copy, terminated, false, length);
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            long grown = Math.max(needed, (long) line.length * 2);
            line = Arrays.copyOf(line, (int) Math.min(grown, Integer.MAX_VALUE - 16));
        }
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
