package dev.streamtts.audio;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays speech on one {@link SourceDataLine} kept open for the whole run. Clips are fed in small chunks
 * so that a stop is noticed quickly; the line is pre-filled before it starts and never stopped between
 * sentences (silence is written instead), which is what keeps playback free of gaps and clicks.
 */
public final class SpeakerSink implements AudioSink {
    private static final Logger log = LoggerFactory.getLogger(SpeakerSink.class);
    private static final int CHUNK_MILLIS = 40;
    private static final int[] FALLBACK_RATES = {48_000, 44_100};
    /** A device that takes no audio for this long is taken as gone (unplugged, sound server stopped). */
    static final Duration STALL = Duration.ofSeconds(3);

    private final SourceDataLine line;
    private final int sampleRate;
    private final int chunkBytes;
    private final String name;
    private volatile boolean closed;
    private boolean started;
    /** Frames handed to write(), and how many had been played when the line was closed (-1: open). */
    private volatile long framesTaken;
    private volatile long playedAtClose = -1;
    /** While write() waits for the device: when it last took a chunk (0: not writing). */
    private volatile long lastProgress;
    private volatile boolean stalled;
    private final long stallNanos;

    SpeakerSink(SourceDataLine line, String name, Duration stall) {
        this.line = line;
        this.name = name;
        this.sampleRate = (int) line.getFormat().getSampleRate();
        this.chunkBytes = Math.max(2, sampleRate * CHUNK_MILLIS / 1000 * 2);
        this.stallNanos = stall.toNanos();
        Thread watchdog = new Thread(this::watchForStall, "audio-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * A write() blocked on a device that went away would block the play stage for good (and the WAV
     * file behind it in the tee): when the device takes nothing for {@link #STALL}, close the line,
     * which frees the write, and report the device as failed.
     */
    private void watchForStall() {
        long tick = Math.max(20, Math.min(250, stallNanos / 6_000_000));
        while (!closed) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            long since = lastProgress;
            if (since != 0 && System.nanoTime() - since > stallNanos && !closed) {
                stalled = true;
                close();
            }
        }
    }

    /**
     * Opens the named device (or the system default when {@code device} is null or blank) at the voice's
     * sample rate, or at a common rate the device takes, resampling then.
     */
    public static SpeakerSink open(String device, int sampleRate, int bufferMillis) throws NoDeviceException {
        Mixer.Info mixer = device == null || device.isBlank() ? null : AudioDevices.find(device);
        Exception last = null;
        for (int rate : candidateRates(sampleRate)) {
            AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
            try {
                SourceDataLine line = AudioSystem.getSourceDataLine(format, mixer);
                line.open(format, Math.max(4096, rate * 2 * bufferMillis / 1000));
                if (rate != sampleRate) {
                    log.info("sound device takes {} Hz, not {} Hz: resampling", rate, sampleRate);
                }
                return new SpeakerSink(line, mixer == null ? "the sound device" : "sound device '" + mixer.getName() + "'",
                        STALL);
            } catch (IllegalArgumentException | LineUnavailableException | SecurityException e) {
                last = e; // no such line (no device at all), or a busy device: try the next rate
            }
        }
        String what = mixer == null ? "the default sound device" : "sound device '" + mixer.getName() + "'";
        throw new NoDeviceException("cannot open " + what + ": " + reason(last), last);
    }

    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double unheardSeconds() {
        long played = playedAtClose;
        return played < 0 ? 0 : Math.max(0, framesTaken - played) / (double) sampleRate;
    }

    @Override
    public long write(Pcm clip) throws AudioException {
        byte[] bytes = Pcm16.encode(Resampler.toRate(clip, sampleRate).view());
        framesTaken += bytes.length / 2;
        if (closed) {
            return 0;
        }
        lastProgress = System.nanoTime();
        try {
            return play(bytes);
        } finally {
            lastProgress = 0;
        }
    }

    private long play(byte[] bytes) throws AudioException {
        long queuedBytes = line.getBufferSize() - line.available();
        long heardIn = queuedBytes * 1_000_000_000L / (sampleRate * 2L); // what the device holds plays first
        int offset = 0;
        if (!started || line.available() == line.getBufferSize()) {
            // Empty line (first clip, or after a pause): fill it in one go so it cannot run dry at once.
            int n = Math.min(line.available(), bytes.length) & ~1;
            offset = line.write(bytes, 0, n);
            if (!started) {
                line.start();
                started = true;
            }
        }
        while (offset < bytes.length && !closed) {
            int n = Math.min(chunkBytes, bytes.length - offset);
            int written = line.write(bytes, offset, n);
            if (written > 0) {
                lastProgress = System.nanoTime(); // a dead device's line can return 0 at once, forever
            } else if (!line.isOpen()) {
                break;
            }
            offset += written;
        }
        if (stalled) {
            throw new AudioException(String.format(java.util.Locale.ROOT, "it took no audio for %.1f s (unplugged, "
                    + "or its sound server stopped), so playback on it stopped", stallNanos / 1e9));
        }
        if (offset < bytes.length && !closed) {
            throw new AudioException("the sound device was closed");
        }
        return heardIn;
    }

    @Override
    public void finish() {
        if (closed) {
            return;
        }
        if (started) {
            // drain() can hang on some drivers: give it the buffer's length plus a margin, then move on.
            CountDownLatch drained = new CountDownLatch(1);
            Thread drainer = new Thread(() -> {
                line.drain();
                drained.countDown();
            }, "audio-drain");
            drainer.setDaemon(true);
            drainer.start();
            long bufferMillis = line.getBufferSize() * 1000L / (sampleRate * 2L);
            try {
                if (!drained.await(bufferMillis + 2000, TimeUnit.MILLISECONDS)) {
                    log.warn("the sound device did not finish playing in time; stopping it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // What was taken but not played (the rest of a clip cut off, the buffer dropped now) was not heard.
        playedAtClose = line.getLongFramePosition();
        // stop() and flush() free a write() blocked in another thread; close() releases the device.
        line.stop();
        line.flush();
        line.close();
    }

    private static int[] candidateRates(int rate) {
        int[] rates = new int[FALLBACK_RATES.length + 1];
        rates[0] = rate;
        System.arraycopy(FALLBACK_RATES, 0, rates, 1, FALLBACK_RATES.length);
        return rates;
    }

    private static String reason(Exception e) {
        if (e instanceof IllegalArgumentException) {
            return "no sound device found";
        }
        return e == null || e.getMessage() == null ? "unknown reason" : e.getMessage();
    }
}
