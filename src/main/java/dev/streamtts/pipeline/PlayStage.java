package dev.streamtts.pipeline;

import dev.streamtts.audio.AudioException;
import dev.streamtts.audio.AudioSink;
import dev.streamtts.audio.Pcm;
import dev.streamtts.audio.PieceJoiner;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays clips one after the other with the configured silence between sentences. The pieces of one
 * sentence are joined as one clip would sound (see {@link PieceJoiner}), each written as soon as it comes.
 */
final class PlayStage implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PlayStage.class);
    private final Channel<SpeechClip> in;
    private final AudioSink sink;
    private final PipelineOptions options;
    private final Metrics metrics;
    private final Failures failures;
    private final CatchUp catchUp;
    private final Lag lag;
    private final Clock clock;
    private final Consumer<Played> onPlayed;

    private boolean first = true;
    /** The sentence being played, from its first piece to its last; null between sentences. */
    private PieceJoiner joiner;
    private SpeechClip firstPiece;
    private long heard;
    private double seconds;
    private long synthesisNanos;

    PlayStage(Channel<SpeechClip> in, AudioSink sink, PipelineOptions options, Metrics metrics, Failures failures,
              CatchUp catchUp, Lag lag, Clock clock, Consumer<Played> onPlayed) {
        this.in = in;
        this.sink = sink;
        this.options = options;
        this.metrics = metrics;
        this.failures = failures;
        this.catchUp = catchUp;
        this.lag = lag;
        this.clock = clock;
        this.onPlayed = onPlayed;
    }

    @Override
    public void run() {
        try {
            for (SpeechClip clip = in.take(); clip != null; clip = in.take()) {
                Sentence s = clip.utterance().sentence();
                if (clip.dropped().get() || (clip.piece() > 0 && joiner == null)) {
                    continue; // a piece of a sentence given up on: that sentence already left the lag tracker
                }
                if (clip.piece() == 0 && catchUp.stale(s)) { // once started, a sentence is played to its end
                    drop(clip);
                    catchUp.skipped(s);
                    continue;
                }
                try {
                    play(clip);
                } catch (AudioException e) {
                    failures.report("could not play", s, clip.utterance().speech(), e);
                    drop(clip);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped");
                }
            }
            sink.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            metrics.uncountUnheard(sink.unheardSeconds()); // what Ctrl-C cut off was not heard
        }
    }

    private void play(SpeechClip clip) throws AudioException {
        Sentence s = clip.utterance().sentence();
        if (clip.piece() == 0) {
            joiner = new PieceJoiner(clip.pcm().sampleRate(), options.fadeMillis());
            firstPiece = clip;
            seconds = 0;
            synthesisNanos = 0;
            if (log.isDebugEnabled()) { // the timings let a soak see whether the stages slow down over hours
                log.debug("playing sentence {}: {} (translated in {} ms, synthesized in {} ms{})", s.seq(),
                        Texts.abbreviate(clip.utterance().speech()), millis(clip.utterance().translateStartNanos(),
                                clip.utterance().translatedNanos()), millis(clip.synthStartNanos(),
                                clip.synthesizedNanos()), clip.last() ? "" : ", its first piece");
            }
        }
        Pcm pcm = clip.cutShort() ? joiner.finish() : joiner.add(clip.pcm(), clip.last());
        if (clip.piece() == 0) {
            if (!first && options.sentenceSilence() > 0) {
                sink.write(Pcm.silence(options.sentenceSilence(), pcm.sampleRate()));
            }
            long writing = clock.nanoTime();
            heard = writing + sink.write(pcm);
            first = false;
            metrics.playWait.add(heard - clip.synthesizedNanos());
            metrics.endToEnd.add(heard - s.lastInputNanos());
        } else if (pcm.length() > 0) {
            sink.write(pcm);
        }
        metrics.countAudio(pcm.seconds()); // as it is written: a stop may come before the sentence's end
        seconds += pcm.seconds();
        synthesisNanos += clip.synthesizedNanos() - clip.synthStartNanos();
        if (clip.last()) {
            joiner = null;
            lag.left(s);
            if (clip.cutShort()) {
                return; // heard in part, but not spoken to its end
            }
            metrics.countSpoken();
            Utterance u = clip.utterance();
            onPlayed.accept(new Played(s.seq(), u.speech(), s.lastInputNanos(), s.readyNanos(),
                    u.translateStartNanos(), u.translatedNanos(), firstPiece.synthStartNanos(),
                    firstPiece.synthesizedNanos(), heard, seconds, synthesisNanos, clip.piece() + 1));
        }
    }

    /** Gives the sentence up: none of its pieces is synthesized or played from now on. */
    private void drop(SpeechClip clip) {
        clip.dropped().set(true);
        joiner = null;
        lag.left(clip.utterance().sentence());
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
