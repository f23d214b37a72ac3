package dev.streamtts.tts.kokoro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamtts.models.ModelException;
import dev.streamtts.models.ModelJson;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Kokoro's phoneme vocabulary ({@code config.json} "vocab": one character → one id). Characters it does
 * not have are dropped, as every Kokoro front end does.
 */
final class KokoroVocab {
    private final Map<Integer, Long> ids;

    KokoroVocab(Map<Integer, Long> ids) {
        this.ids = ids;
    }

    public static KokoroVocab read(Path configJson) throws ModelException {
        JsonNode vocab = ModelJson.readObject(configJson, "a Kokoro model config").path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new ModelException(configJson + ": has no \"vocab\" (the Kokoro model's config.json is needed)");
        }
        Map<Integer, Long> ids = new HashMap<>();
        for (var it = vocab.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().codePointCount(0, e.getKey().length()) != 1) {
                throw new ModelException(configJson + ": vocab entry '" + e.getKey() + "' is not one character");
            }
            ids.put(e.getKey().codePointAt(0), e.getValue().asLong());
        }
        return new KokoroVocab(ids);
    }

    public long[] ids(String phonemes) {
        return phonemes.codePoints().filter(ids::containsKey).mapToLong(ids::get).toArray();
    }

    public boolean contains(int codePoint) {
        return ids.containsKey(codePoint);
    }
}
