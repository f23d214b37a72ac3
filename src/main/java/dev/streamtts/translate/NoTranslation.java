package dev.streamtts.translate;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Translation off ({@code --no-translate}): every sentence is spoken in the language it was written in. */
public final class NoTranslation implements Translator {
    @Override
    public List<Optional<String>> translate(List<String> sentences) {
        return Collections.nCopies(sentences.size(), Optional.empty());
    }

    @Override
    public void close() {
    }
}
