package dev.streamtts.pipeline;

import dev.streamtts.audio.AudioException;
import dev.streamtts.audio.AudioSink;
import dev.streamtts.audio.Fades;
import dev.streamtts.audio.Pcm;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays clips one after the other with the configured silence between sentences. */
final class PlayStage implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PlayStage.class);
    private final Channel<SpeechClip> in;
    private final AudioSink sink;
    private final PipelineOptions options;
    private final Metrics metrics;
    private final Failures failures;
    private final CatchUp catchUp;
    private final Lag lag;
    private final Consumer<Played> onPlayed;

    PlayStage(Channel<SpeechClip> in, AudioSink sink, PipelineOptions options, Metrics metrics, Failures failures,
              CatchUp catchUp, Lag lag, Consumer<Played> onPlayed) {
        this.in = in;
        this.sink = sink;
        this.options = options;
        this.metrics = metrics;
        this.failures = failures;
        this.catchUp = catchUp;
        this.lag = lag;
        this.onPlayed = onPlayed;
    }

    @Override
    public void run() {
        boolean first = true;
        try {
            for (SpeechClip clip = in.take(); clip != null; clip = in.take()) {
                Sentence s = clip.utterance().sentence();
                if (catchUp.stale(s)) {
                    lag.left(s);
                    catchUp.skipped(1);
                    continue;
                }
                Pcm pcm = clip.pcm();
                if (log.isDebugEnabled()) { // the timings let a soak see whether the stages slow down over hours
                    log.debug("playing sentence {}: {} (translated in {} ms, synthesized in {} ms)", s.seq(),
                            Texts.abbreviate(clip.utterance().speech()), millis(clip.utterance().translateStartNanos(),
                                    clip.utterance().translatedNanos()), millis(clip.synthStartNanos(),
                                    clip.synthesizedNanos()));
                }
                try {
                    if (!first && options.sentenceSilence() > 0) {
                        sink.write(Pcm.silence(options.sentenceSilence(), pcm.sampleRate()));
                    }
                    long heard = sink.write(Fades.apply(pcm, options.fadeMillis()));
                    first = false;
                    metrics.countSpoken(pcm.seconds());
                    metrics.playWait.add(heard - clip.synthesizedNanos());
                    metrics.endToEnd.add(heard - s.lastInputNanos());
                    Utterance u = clip.utterance();
                    onPlayed.accept(new Played(s.seq(), u.speech(), s.lastInputNanos(), s.readyNanos(),
                            u.translateStartNanos(), u.translatedNanos(), clip.synthStartNanos(),
                            clip.synthesizedNanos(), heard, pcm.seconds()));
                } catch (AudioException e) {
                    failures.report("could not play", s, clip.utterance().speech(), e);
                } finally {
                    lag.left(s);
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

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
