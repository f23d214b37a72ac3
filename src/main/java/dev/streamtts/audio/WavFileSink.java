package dev.streamtts.audio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes all speech to 16-bit mono WAV files. The header's sizes are brought up to date after every
 * clip, so the file is valid at any moment: after Ctrl-C, and even after a kill that gives no chance to
 * close it. The format cannot hold more than 4 GB (about 27 h at 22 kHz), so before that the speech
 * goes on in a new file beside it: {@code speech.wav}, {@code speech-2.wav}, {@code speech-3.wav}, …
 * A failed write (disk full) is cut back off, so the file still ends on the last whole clip.
 */
public final class WavFileSink implements AudioSink {
    private static final Logger log = LoggerFactory.getLogger(WavFileSink.class);
    private static final int HEADER_BYTES = 44;
    /** The RIFF size field is 32 bits; stay a little below it. */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - HEADER_BYTES - 1024 * 1024;

    private final Path first;
    private final int sampleRate;
    private final long maxDataBytes;
    private Path path;
    private int part = 1;
    private RandomAccessFile file;
    private long dataBytes;
    private double unheard;
    private boolean closed;

    /** Creates (or truncates) the file now, so a bad path fails at start-up, not after the first sentence. */
    public WavFileSink(Path path, int sampleRate) throws IOException {
        this(path, sampleRate, MAX_DATA_BYTES);
    }

    WavFileSink(Path path, int sampleRate, long maxDataBytes) throws IOException {
        this.first = path;
        this.path = path;
        this.sampleRate = sampleRate;
        this.maxDataBytes = maxDataBytes;
        this.file = create(path);
    }

    /** The file being written now. */
    public synchronized Path path() {
        return path;
    }

    @Override
    public String name() {
        return "WAV file " + first;
    }

    @Override
    public synchronized long write(Pcm clip) throws AudioException {
        if (closed) {
            unheard += clip.seconds();
            return 0;
        }
        byte[] bytes = Pcm16.encode(Resampler.toRate(clip, sampleRate).view());
        if (dataBytes > 0 && dataBytes + bytes.length > maxDataBytes) {
            roll();
        }
        try {
            file.seek(HEADER_BYTES + dataBytes);
            file.write(bytes);
            file.seek(0);
            file.write(header(dataBytes + bytes.length));
            dataBytes += bytes.length;
        } catch (IOException e) {
            cutBack();
            throw new AudioException("cannot write " + path + ": " + e.getMessage()
                    + " (the file is valid and holds the speech before this sentence)", e);
        }
        return 0;
    }

    /** Next part: closes this file (valid, full) and goes on in NAME-2.wav, NAME-3.wav, … */
    private void roll() throws AudioException {
        Path next = partPath(first, part + 1);
        try {
            RandomAccessFile nextFile = create(next);
            file.close();
            file = nextFile;
        } catch (IOException e) {
            throw new AudioException(path + " is full (the WAV format holds at most 4 GB) and " + next
                    + " cannot be created: " + e.getMessage(), e);
        }
        log.info("{} is full (the WAV format holds at most 4 GB); the speech goes on in {}", path, next);
        part++;
        path = next;
        dataBytes = 0;
    }

    static Path partPath(Path first, int part) {
        if (part == 1) {
            return first;
        }
        String name = first.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return first.resolveSibling(stem + "-" + part + ext);
    }

    /** After a failed write: back to the last whole clip, so the header and the length agree. */
    private void cutBack() {
        try {
            file.setLength(HEADER_BYTES + dataBytes);
            file.seek(0);
            file.write(header(dataBytes));
        } catch (IOException e) {
            log.debug("could not cut {} back: {}", path, e.getMessage());
        }
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

    @Override
    public synchronized double unheardSeconds() {
        return unheard;
    }

    private RandomAccessFile create(Path p) throws IOException {
        RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw");
        try {
            f.setLength(0);
            f.write(header(0));
            return f;
        } catch (IOException e) {
            f.close();
            throw e;
        }
    }

    private byte[] header(long data) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + data));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1); // PCM, mono
        b.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) data);
        return b.array();
    }
}
