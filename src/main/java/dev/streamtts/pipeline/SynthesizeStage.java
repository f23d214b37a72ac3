package dev.streamtts.pipeline;

import dev.streamtts.audio.Pcm;
import dev.streamtts.text.ClauseSplitter;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Speaks each utterance into audio while the previous one plays. With a splitter, a sentence is
 * synthesized piece by piece (its clauses), and each piece is handed on as soon as it is ready, so the
 * first one plays while the next is synthesized.
 */
final class SynthesizeStage implements Runnable {
    private final Channel<Utterance> in;
    private final Channel<SpeechClip> out;
    private final Voice voice;
    private final ClauseSplitter splitter;
    private final Metrics metrics;
    private final Failures failures;
    private final CatchUp catchUp;
    private final Lag lag;
    private final Clock clock;

    /** @param splitter null: every sentence in one piece */
    SynthesizeStage(Channel<Utterance> in, Channel<SpeechClip> out, Voice voice, ClauseSplitter splitter,
                    Metrics metrics, Failures failures, CatchUp catchUp, Lag lag, Clock clock) {
        this.in = in;
        this.out = out;
        this.voice = voice;
        this.splitter = splitter;
        this.metrics = metrics;
        this.failures = failures;
        this.catchUp = catchUp;
        this.lag = lag;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            for (Utterance u = in.take(); u != null; u = in.take()) {
                if (catchUp.stale(u.sentence())) {
                    lag.left(u.sentence());
                    catchUp.skipped(u.sentence());
                    continue;
                }
                speak(u);
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void speak(Utterance u) throws InterruptedException {
        Sentence s = u.sentence();
        List<String> pieces = splitter == null ? List.of(u.speech()) : splitter.pieces(u.speech());
        AtomicBoolean dropped = new AtomicBoolean();
        long busy = 0;
        for (int i = 0; i < pieces.size(); i++) {
            if (dropped.get()) {
                return; // the play stage gave the sentence up, and took it off the lag tracker
            }
            long start = clock.nanoTime();
            Pcm pcm;
            try {
                pcm = voice.synthesize(pieces.get(i));
            } catch (VoiceException | RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped while synthesizing");
                }
                if (i == 0) {
                    lag.left(s);
                    failures.report("could not speak", s, u.speech(), e);
                } else {
                    // The rest of the sentence is left out, not just this piece: a missing clause in the
                    // middle could change what the sentence says. What was played ends faded out.
                    failures.report("could not speak the rest of", s, pieces.get(i), e);
                    out.put(SpeechClip.cutShort(u, i, voice.sampleRate(), clock.nanoTime(), dropped));
                }
                return;
            }
            long end = clock.nanoTime();
            busy += end - start;
            boolean last = i == pieces.size() - 1;
            if (last) {
                metrics.synthesize.add(busy); // the whole sentence's synthesis, as without pieces
            }
            if (i == 0 && !last) {
                metrics.firstPiece.add(end - start);
            }
            out.put(new SpeechClip(u, pcm, i, last, false, start, end, dropped));
        }
    }
}
