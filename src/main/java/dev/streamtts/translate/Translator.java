package dev.streamtts.translate;

import java.util.List;
import java.util.Optional;

/** Turns source-language sentences into target-language sentences. */
public interface Translator extends AutoCloseable {

    /**
     * Translates a batch (one sentence usually; several when speech is behind and they can share a run).
     *
     * @return one entry per sentence, in order: the translation, or empty when the sentence is to be
     *         spoken as it is (translation off, or the text is already in the target language)
     * @throws TranslationException when the batch cannot be translated
     */
    List<Optional<String>> translate(List<String> sentences) throws TranslationException;

    /**
     * Runs the model once on a short fixed text, so that the first sentence a listener hears does not
     * pay for first use (the JIT, ONNX Runtime's first allocations). Remembers nothing; counts nothing.
     */
    default void warmUp() throws TranslationException {
    }

    @Override
    void close();
}
