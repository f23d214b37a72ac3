package dev.streamtts.audio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes all speech to one 16-bit mono WAV file. The header's sizes are brought up to date after every
 * clip, so the file is valid at any moment: after Ctrl-C, and even after a kill that gives no chance to
 * close it.
 */
public final class WavFileSink implements AudioSink {
    private static final int HEADER_BYTES = 44;

    private final Path path;
    private final int sampleRate;
    private final RandomAccessFile file;
    private long dataBytes;
    private boolean closed;

    /** Creates (or truncates) the file now, so a bad path fails at start-up, not after the first sentence. */
    public WavFileSink(Path path, int sampleRate) throws IOException {
        this.path = path;
        this.sampleRate = sampleRate;
        this.file = new RandomAccessFile(path.toFile(), "rw");
        file.setLength(0);
        file.write(header(0));
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized long write(Pcm clip) throws AudioException {
        long now = System.nanoTime();
        if (closed) {
            return now;
        }
        byte[] bytes = Pcm16.encode(Resampler.toRate(clip, sampleRate).view());
        if (HEADER_BYTES + dataBytes + bytes.length > 0xFFFF_FFFFL) {
            throw new AudioException("WAV file " + path + " is full (4 GB limit of the format)");
        }
        try {
            file.seek(HEADER_BYTES + dataBytes);
            file.write(bytes);
            dataBytes += bytes.length;
            file.seek(0);
            file.write(header(dataBytes));
        } catch (IOException e) {
            throw new AudioException("cannot write " + path + ": " + e.getMessage(), e);
        }
        return now;
    }

    @Override
    public void finish() {
        close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
        } catch (IOException e) {
            // The header is already current after every clip; nothing is lost.
        }
    }

    private byte[] header(long data) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + data));
        b.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1); // PCM, mono
        b.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) data);
        return b.array();
    }
}
