package dev.streamtts.translate;

import ai.onnxruntime.OrtException;
import dev.streamtts.models.ModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * The same sentences translated with the full vocabulary and with the output shortlist, token for token:
 * how a user checks the shortlist on the real weights ({@code stream-tts translate --compare}).
 */
public final class ShortlistComparison implements AutoCloseable {
    private final NllbTranslator full;
    private final NllbTranslator cut;
    private final GenerationOptions generation;

    /**
     * @param full    what a translation without the shortlist gives
     * @param outside the pieces of the full translation that the shortlist leaves out (empty: none), which
     *                explain a difference
     */
    public record Outcome(String source, String full, String shortlisted, List<String> outside) {
        public boolean same() {
            return full.equals(shortlisted);
        }
    }

    private ShortlistComparison(NllbTranslator full, NllbTranslator cut, GenerationOptions generation) {
        this.full = full;
        this.cut = cut;
        this.generation = generation;
    }

    /** Opens the model twice: once whole, once cut to the shortlist (an error if it cannot be cut). */
    public static ShortlistComparison open(NllbTranslator.Settings settings) throws ModelException {
        NllbTranslator full = NllbTranslator.open(settings.withShortlist(ShortlistMode.OFF));
        try {
            return new ShortlistComparison(full, NllbTranslator.open(settings.withShortlist(ShortlistMode.ON)),
                    settings.generation());
        } catch (ModelException | RuntimeException e) {
            full.close();
            throw e;
        }
    }

    public Shortlist shortlist() {
        return cut.shortlist();
    }

    /** Both translations of one text, in the parts the translator would cut it into. */
    public Outcome compare(String text) throws TranslationException {
        List<String> outside = new ArrayList<>();
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        try {
            for (String part : full.parts(text)) {
                long[] ids = full.generateIds(part, generation);
                for (long id : ids) {
                    if (!cut.shortlist().contains(id)) {
                        outside.add(full.tokenizer().piece(id));
                    }
                }
                append(a, full.tokenizer().decode(ids));
                append(b, cut.tokenizer().decode(cut.generateIds(part, generation)));
            }
        } catch (OrtException e) {
            throw new TranslationException("the translation model failed: " + e.getMessage(), e);
        }
        return new Outcome(text, a.toString(), b.toString(), outside);
    }

    private static void append(StringBuilder sb, String text) {
        if (sb.length() > 0 && !text.isEmpty()) {
            sb.append(' ');
        }
        sb.append(text);
    }

    @Override
    public void close() {
        cut.close();
        full.close();
    }
}
