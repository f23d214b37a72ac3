package dev.streamtts.pipeline;

import dev.streamtts.audio.Pcm;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Speaks each utterance into audio while the previous one plays. */
final class SynthesizeStage implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SynthesizeStage.class);

    private final Channel<Utterance> in;
    private final Channel<SpeechClip> out;
    private final Voice voice;
    private final Metrics metrics;

    SynthesizeStage(Channel<Utterance> in, Channel<SpeechClip> out, Voice voice, Metrics metrics) {
        this.in = in;
        this.out = out;
        this.voice = voice;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            for (Utterance u = in.take(); u != null; u = in.take()) {
                long start = System.nanoTime();
                Pcm pcm;
                try {
                    pcm = voice.synthesize(u.speech());
                } catch (VoiceException | RuntimeException e) {
                    metrics.countFailure();
                    log.warn("could not speak sentence {} (\"{}\"): {}; skipped", u.sentence().seq(),
                            Texts.abbreviate(u.speech()), e.getMessage());
                    log.debug("synthesis failure", e);
                    continue;
                }
                long end = System.nanoTime();
                metrics.synthesize.add(end - start);
                out.put(new SpeechClip(u, pcm, start, end));
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
