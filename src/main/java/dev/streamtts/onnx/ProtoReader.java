package dev.streamtts.onnx;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads protobuf's wire format field by field from a file, seeking over what the caller skips: an ONNX
 * model's weights (hundreds of MB to 2 GB) are never read, only the structure around them. Every length
 * is checked against the message that holds it, so a truncated or foreign file is an {@link IOException},
 * not a huge allocation.
 */
final class ProtoReader implements Closeable {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;
    /** What is read after a jump: enough for the next field's key and a node or two. */
    private static final int AFTER_JUMP = 4096;

    private final SeekableByteChannel channel;
    private final long size;
    private final ByteBuffer buffer;
    /** File offset of {@code buffer}'s first byte; the buffer holds [start, start + limit). */
    private long start;
    /** After a jump over skipped bytes, the next fill reads little: a model's weights are many jumps in a row. */
    private boolean jumped;

    ProtoReader(SeekableByteChannel channel, int bufferSize) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.buffer = ByteBuffer.allocate(bufferSize);
        buffer.flip(); // empty
        start = channel.position();
    }

    static ProtoReader open(Path file) throws IOException {
        return new ProtoReader(FileChannel.open(file, StandardOpenOption.READ), 64 * 1024);
    }

    long size() {
        return size;
    }

    long position() {
        return start + buffer.position();
    }

    /** A field's key: field number and wire type. */
    record Tag(int field, int wireType) {
    }

    Tag readTag() throws IOException {
        long key = readVarint();
        if (key >>> 32 != 0 || (key >>> 3) == 0) {
            throw new IOException("bad field key " + key + " at byte " + position());
        }
        return new Tag((int) (key >>> 3), (int) (key & 7));
    }

    long readVarint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint longer than 10 bytes at byte " + position());
    }

    /** The length of a length-delimited field, checked to fit in the message that ends at {@code end}. */
    long readLength(long end) throws IOException {
        long length = readVarint();
        if (length < 0 || length > end - position()) {
            throw new IOException("field of " + length + " bytes at byte " + position() + " runs past its message"
                    + " (which ends at byte " + end + ")");
        }
        return length;
    }

    /** A length-delimited field read as UTF-8; one longer than {@code max} bytes is an error. */
    String readString(long end, int max) throws IOException {
        long length = readLength(end);
        if (length > max) {
            throw new IOException("string of " + length + " bytes at byte " + position() + " (at most " + max
                    + " expected)");
        }
        byte[] bytes = new byte[(int) length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) readByte();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the value of a field whose key was just read. */
    void skip(Tag tag, long end) throws IOException {
        switch (tag.wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> seek(checked(position() + 8, end));
            case LENGTH_DELIMITED -> {
                long length = readLength(end);
                seek(position() + length);
            }
            case FIXED32 -> seek(checked(position() + 4, end));
            default -> throw new IOException("wire type " + tag.wireType() + " (field " + tag.field() + ") at byte "
                    + position() + " is not used by ONNX files");
        }
    }

    private long checked(long to, long end) throws IOException {
        if (to > end) {
            throw new IOException("field runs past its message at byte " + position());
        }
        return to;
    }

    void seek(long to) throws IOException {
        if (to >= start && to <= start + buffer.limit()) {
            buffer.position((int) (to - start));
        } else {
            start = to;
            buffer.clear().flip();
            jumped = true;
        }
    }

    private int readByte() throws IOException {
        if (!buffer.hasRemaining()) {
            fill();
        }
        return buffer.get() & 0xFF;
    }

    private void fill() throws IOException {
        start += buffer.position();
        buffer.clear();
        if (jumped) {
            buffer.limit(Math.min(buffer.capacity(), AFTER_JUMP));
            jumped = false;
        }
        channel.position(start);
        while (buffer.position() == 0) {
            if (channel.read(buffer) < 0) {
                buffer.flip();
                throw new EOFException("the file ends at byte " + start + " in the middle of a field");
            }
        }
        buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
