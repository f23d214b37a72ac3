package dev.streamtts.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --dry-run}: one JSON object per sentence on stdout, in order, flushed per line:
 * {@code {"seq":N,"text":"…","translation":"…"|null}}, and {@code "kind":"activity"|"summary"} last on a
 * phrase of stream-tts's own (prose has no kind, so its lines are as before). This is a contract for
 * scripts; keep it stable.
 */
final class DryRunPrinter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DryRunPrinter.class);

    private final Channel<Utterance> in;
    private final OutputStream out;
    private final Metrics metrics;
    private final Lag lag;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private boolean open = true;

    DryRunPrinter(Channel<Utterance> in, OutputStream out, Metrics metrics, Lag lag, Clock clock) {
        this.in = in;
        this.out = out;
        this.metrics = metrics;
        this.lag = lag;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            for (Utterance u = in.take(); u != null; u = in.take()) {
                print(u);
                lag.left(u.sentence());
                metrics.countPrinted();
                metrics.endToEnd.add(clock.nanoTime() - u.sentence().lastInputNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(Utterance u) {
        if (!open) {
            return;
        }
        try {
            out.write(line(u));
            out.flush();
        } catch (IOException e) {
            open = false; // the reader of stdout went away: nothing left to print to
            log.debug("stdout closed: {}", e.getMessage());
        }
    }

    byte[] line(Utterance u) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator g = mapper.getFactory().createGenerator(buffer)) {
            g.writeStartObject();
            g.writeNumberField("seq", u.sentence().seq());
            g.writeStringField("text", u.sentence().text());
            g.writeStringField("translation", u.translation());
            if (u.sentence().kind() != Sentence.Kind.PROSE) {
                g.writeStringField("kind", u.sentence().kind().name().toLowerCase(java.util.Locale.ROOT));
            }
            g.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }
}
