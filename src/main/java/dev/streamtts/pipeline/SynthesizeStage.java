package dev.streamtts.pipeline;

import dev.streamtts.audio.Pcm;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceException;

/** Speaks each utterance into audio while the previous one plays. */
final class SynthesizeStage implements Runnable {
    private final Channel<Utterance> in;
    private final Channel<SpeechClip> out;
    private final Voice voice;
    private final Metrics metrics;
    private final Failures failures;
    private final CatchUp catchUp;
    private final Lag lag;

    SynthesizeStage(Channel<Utterance> in, Channel<SpeechClip> out, Voice voice, Metrics metrics, Failures failures,
                    CatchUp catchUp, Lag lag) {
        this.in = in;
        this.out = out;
        this.voice = voice;
        this.metrics = metrics;
        this.failures = failures;
        this.catchUp = catchUp;
        this.lag = lag;
    }

    @Override
    public void run() {
        try {
            for (Utterance u = in.take(); u != null; u = in.take()) {
                if (catchUp.stale(u.sentence())) {
                    lag.left(u.sentence());
                    catchUp.skipped(1);
                    continue;
                }
                long start = System.nanoTime();
                Pcm pcm;
                try {
                    pcm = voice.synthesize(u.speech());
                } catch (VoiceException | RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    lag.left(u.sentence());
                    failures.report("could not speak", u.sentence(), u.speech(), e);
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
