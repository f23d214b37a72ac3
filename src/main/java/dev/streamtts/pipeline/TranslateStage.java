package dev.streamtts.pipeline;

import dev.streamtts.translate.TranslationException;
import dev.streamtts.translate.Translator;
import java.util.List;
import java.util.Optional;

/** Takes sentences from the backlog one at a time, translates them, passes them on. */
final class TranslateStage implements Runnable {
    private final Backlog in;
    private final Channel<Utterance> out;
    private final Translator translator;
    private final Metrics metrics;
    private final Failures failures;
    private final Lag lag;
    private final Clock clock;

    TranslateStage(Backlog in, Channel<Utterance> out, Translator translator, Metrics metrics, Failures failures,
                   Lag lag, Clock clock) {
        this.in = in;
        this.out = out;
        this.translator = translator;
        this.metrics = metrics;
        this.failures = failures;
        this.lag = lag;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            for (Sentence s = in.take(); s != null; s = in.take()) {
                translate(s);
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped
        }
    }

    private void translate(Sentence s) throws InterruptedException {
        long start = clock.nanoTime();
        Optional<String> translation;
        try {
            translation = translator.translate(List.of(s.text())).get(0);
        } catch (TranslationException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped while translating");
            }
            lag.left(s);
            failures.report("could not translate", s, s.text(), e);
            return;
        }
        long end = clock.nanoTime();
        translation.ifPresent(t -> metrics.countTranslated());
        metrics.queued.add(start - s.readyNanos());
        metrics.translate.add(end - start);
        out.put(new Utterance(s, translation.orElse(null), start, end));
    }
}
