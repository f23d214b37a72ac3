package dev.streamtts.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A protobuf file read in place through positional reads: the fields of a message are listed with their
 * byte spans, and payloads that are not asked for (a model's weights) are never read. Neither mapped
 * (the whole file would count as resident memory while it is rewritten) nor loaded.
 */
final class ProtoFile implements AutoCloseable {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    /**
     * One field, {@code [tag, end)} in the file: {@code [start, end)} is its value (for {@link #LEN} the
     * payload); {@code value} holds a varint or fixed-size value (the latter as raw little-endian bits).
     */
    record Field(int number, int wireType, long tag, long start, long end, long value) {
        long length() {
            return end - start;
        }
    }

    /** Thrown for bytes that are not protobuf where a message was expected. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * Window reads: small after a far jump (skipping weights costs one small read per tensor, not 64 KB),
     * doubled while reading goes on close to the last window (a graph's nodes), up to the largest.
     */
    static final int FIRST_READ = 1 << 10;
    static final int LARGEST_READ = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final int firstRead;
    private final ByteBuffer window;
    private long windowStart = -1;
    private long bytesRead;

    ProtoFile(Path path) throws IOException {
        this(path, FIRST_READ, LARGEST_READ);
    }

    /** With other window sizes: tests put field boundaries on window edges. */
    ProtoFile(Path path, int firstRead, int largestRead) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.firstRead = firstRead;
        this.window = ByteBuffer.allocate(largestRead);
        window.limit(0);
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    FileChannel channel() {
        return channel;
    }

    /** Bytes read from the file so far, through this reader. */
    long bytesRead() {
        return bytesRead;
    }

    /** The fields of the message in {@code [start, end)}, in file order. */
    List<Field> fields(long start, long end) throws IOException {
        List<Field> out = new ArrayList<>();
        long[] at = {start};
        while (at[0] < end) {
            long tag = at[0];
            long key = varint(at);
            if (key >>> 32 != 0) {
                throw new Malformed("field key " + key + " at byte " + tag);
            }
            int number = (int) (key >>> 3);
            int type = (int) (key & 7);
            if (number <= 0) {
                throw new Malformed("field number " + number + " at byte " + tag);
            }
            switch (type) {
                case VARINT -> {
                    long from = at[0];
                    long v = varint(at);
                    out.add(new Field(number, type, tag, from, at[0], v));
                }
                case FIXED64 -> {
                    out.add(new Field(number, type, tag, at[0], at[0] + 8, fixed(at[0], 8)));
                    at[0] += 8;
                }
                case FIXED32 -> {
                    out.add(new Field(number, type, tag, at[0], at[0] + 4, fixed(at[0], 4)));
                    at[0] += 4;
                }
                case LEN -> {
                    long n = varint(at);
                    if (n < 0 || at[0] + n > end) {
                        throw new Malformed("a field of " + n + " bytes at byte " + tag + " runs past its message");
                    }
                    out.add(new Field(number, type, tag, at[0], at[0] + n, 0));
                    at[0] += n;
                }
                default -> throw new Malformed("wire type " + type + " at byte " + tag);
            }
        }
        if (at[0] != end) {
            throw new Malformed("a message ends inside a field at byte " + end);
        }
        return out;
    }

    String string(Field f) throws IOException {
        return new String(bytes(f.start(), Math.toIntExact(f.length())), StandardCharsets.UTF_8);
    }

    /** A string that is a name: one longer than {@code max} bytes is a foreign file, not a name to allocate. */
    String string(Field f, int max) throws IOException {
        if (f.wireType() != LEN || f.length() > max) {
            throw new Malformed("a string of " + f.length() + " bytes at byte " + f.tag() + " (at most " + max
                    + " expected)");
        }
        return string(f);
    }

    /** The values of a repeated integer field, packed or not, from one of its occurrences. */
    void varints(Field f, List<Long> into) throws IOException {
        if (f.wireType() == VARINT) {
            into.add(f.value());
            return;
        }
        long[] at = {f.start()};
        while (at[0] < f.end()) {
            into.add(varint(at));
        }
    }

    byte[] bytes(long position, int length) throws IOException {
        byte[] out = new byte[length];
        long from = position - windowStart;
        if (windowStart >= 0 && from >= 0 && from + length <= window.limit()) {
            window.get((int) from, out); // names and shapes are mostly in the window already
        } else {
            read(position, ByteBuffer.wrap(out));
        }
        return out;
    }

    /** Fills {@code into} from {@code position} on. */
    void read(long position, ByteBuffer into) throws IOException {
        if (position < 0 || position + into.remaining() > size) {
            throw new Malformed("a read of " + into.remaining() + " bytes at byte " + position + " runs past the end");
        }
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new Malformed("the file ended early at byte " + position);
            }
            position += n;
            bytesRead += n;
        }
    }

    private int byteAt(long position) throws IOException {
        if (position >= size || position < 0) {
            throw new Malformed("the file ends inside a field at byte " + position);
        }
        long windowEnd = windowStart + window.limit();
        if (windowStart < 0 || position < windowStart || position >= windowEnd) {
            boolean near = windowStart >= 0 && position >= windowEnd && position - windowEnd < window.limit();
            int want = near ? Math.min(2 * window.limit(), window.capacity()) : firstRead;
            window.clear().limit((int) Math.min(Math.max(want, firstRead), size - position));
            long p = position;
            while (window.hasRemaining()) {
                int n = channel.read(window, p);
                if (n < 0) {
                    throw new Malformed("the file ended early at byte " + p);
                }
                p += n;
                bytesRead += n;
            }
            window.flip();
            windowStart = position;
        }
        return window.get((int) (position - windowStart)) & 0xFF;
    }

    private long varint(long[] at) throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = byteAt(at[0]++);
            result |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return result;
            }
        }
        throw new Malformed("a varint longer than 10 bytes at byte " + (at[0] - 10));
    }

    private long fixed(long position, int bytes) throws IOException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) byteAt(position + i) << (8 * i);
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
