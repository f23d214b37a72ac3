package dev.streamtts.pipeline;

import dev.streamtts.audio.AudioException;
import dev.streamtts.audio.AudioSink;
import dev.streamtts.audio.Fades;
import dev.streamtts.audio.Pcm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays clips one after the other with the configured silence between sentences. */
final class PlayStage implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PlayStage.class);

    private final Channel<SpeechClip> in;
    private final AudioSink sink;
    private final PipelineOptions options;
    private final Metrics metrics;

    PlayStage(Channel<SpeechClip> in, AudioSink sink, PipelineOptions options, Metrics metrics) {
        this.in = in;
        this.sink = sink;
        this.options = options;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        boolean first = true;
        try {
            for (SpeechClip clip = in.take(); clip != null; clip = in.take()) {
                Pcm pcm = clip.pcm();
                try {
                    if (!first && options.sentenceSilence() > 0) {
                        sink.write(Pcm.silence(options.sentenceSilence(), pcm.sampleRate()));
                    }
                    long heard = sink.write(Fades.apply(pcm, options.fadeMillis()));
                    first = false;
                    metrics.countSpoken(pcm.seconds());
                    metrics.playWait.add(heard - clip.synthesizedNanos());
                    metrics.endToEnd.add(heard - clip.utterance().sentence().lastInputNanos());
                } catch (AudioException e) {
                    metrics.countFailure();
                    log.warn("could not play sentence {}: {}", clip.utterance().sentence().seq(), e.getMessage());
                }
            }
            sink.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
