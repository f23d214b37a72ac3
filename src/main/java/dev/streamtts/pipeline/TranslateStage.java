package dev.streamtts.pipeline;

import dev.streamtts.translate.TranslationException;
import dev.streamtts.translate.Translator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes sentences from the backlog, translates them (several at once when several wait), passes them on. */
final class TranslateStage implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TranslateStage.class);

    private final Backlog in;
    private final Channel<Utterance> out;
    private final Translator translator;
    private final int maxBatch;
    private final Metrics metrics;

    TranslateStage(Backlog in, Channel<Utterance> out, Translator translator, int maxBatch, Metrics metrics) {
        this.in = in;
        this.out = out;
        this.translator = translator;
        this.maxBatch = maxBatch;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            for (List<Sentence> batch = in.takeBatch(maxBatch); !batch.isEmpty(); batch = in.takeBatch(maxBatch)) {
                translate(batch);
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped
        }
    }

    private void translate(List<Sentence> batch) throws InterruptedException {
        long start = System.nanoTime();
        List<Optional<String>> results;
        try {
            results = translator.translate(batch.stream().map(Sentence::text).toList());
        } catch (TranslationException | RuntimeException e) {
            if (batch.size() == 1) {
                fail(batch.get(0), e);
                return;
            }
            for (Sentence s : batch) { // find the sentence that fails; the others go on
                translate(List.of(s));
            }
            return;
        }
        long end = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            Sentence s = batch.get(i);
            Optional<String> translation = results.get(i);
            translation.ifPresent(t -> metrics.countTranslated());
            metrics.queued.add(start - s.readyNanos());
            metrics.translate.add(end - start);
            out.put(new Utterance(s, translation.orElse(null), start, end));
        }
    }

    private void fail(Sentence s, Exception e) {
        metrics.countFailure();
        log.warn("could not translate sentence {} (\"{}\"): {}; skipped", s.seq(), Texts.abbreviate(s.text()),
                e.getMessage());
        log.debug("translation failure", e);
    }
}
