package dev.streamtts.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamtts.models.ModelException;
import dev.streamtts.models.ModelJson;
import java.nio.file.Path;

/**
 * The sizes and special ids an NLLB (M2M-100) export needs, read from its {@code config.json} rather
 * than assumed, so 600M, 1.3B and 3.3B (and tiny test models) all load through the same code.
 */
public record NllbConfig(int dModel, int decoderLayers, int decoderHeads, int vocabSize, long decoderStartTokenId,
                         long eosTokenId, long padTokenId, int maxPositions) {

    public int headDim() {
        return dModel / decoderHeads;
    }

    public static NllbConfig read(Path file) throws ModelException {
        JsonNode c = ModelJson.readObject(file, "a model config");
        String type = c.path("model_type").asText("");
        if (!type.equals("m2m_100")) {
            throw new ModelException(file + ": model_type is '" + type + "', expected 'm2m_100' (NLLB-200)");
        }
        return new NllbConfig(
                required(c, "d_model", file), required(c, "decoder_layers", file),
                required(c, "decoder_attention_heads", file), required(c, "vocab_size", file),
                c.path("decoder_start_token_id").asLong(2), c.path("eos_token_id").asLong(2),
                c.path("pad_token_id").asLong(1), c.path("max_position_embeddings").asInt(1024));
    }

    private static int required(JsonNode c, String field, Path file) throws ModelException {
        JsonNode v = c.get(field);
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new ModelException(file + ": missing or invalid '" + field + "'");
        }
        return v.asInt();
    }
}
