package dev.streamtts.translate;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.streamtts.models.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * NLLB's tokenizer through DJL, used the way transformers does today: the encoder input is
 * {@code [src_lang] tokens </s>}, built here rather than by the file's post-processor (published
 * tokenizer.json files still carry the old {@code tokens </s> eng_Latn} template), with no truncation.
 * Not thread-safe in use; one per translator.
 */
final class NllbTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final long eosId;

    private NllbTokenizer(HuggingFaceTokenizer tokenizer, Path file, long eosId) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.eosId = eosId;
    }

    static NllbTokenizer open(Path tokenizerJson, long eosId) throws ModelException {
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "addSpecialTokens", "false", "truncation", "false", "padding", "false"));
            return new NllbTokenizer(t, tokenizerJson, eosId);
        } catch (IOException | RuntimeException e) {
            throw new ModelException(tokenizerJson + ": cannot be loaded as a tokenizer (" + e.getMessage() + ")", e);
        }
    }

    /** The id of a language token; the error names the file when the tokenizer lacks it. */
    long languageId(LanguageCode code) throws ModelException {
        long[] ids = tokenizer.encode(code.code(), false, false).getIds();
        if (ids.length != 1) {
            throw new ModelException(file + ": has no language token " + code + " (not an NLLB-200 tokenizer?)");
        }
        return ids[0];
    }

    /** Text pieces without any special tokens. */
    long[] tokens(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** The encoder input: {@code [srcLang] tokens </s>}. */
    long[] encoderInput(String text, long srcLangId) {
        long[] pieces = tokens(text);
        long[] ids = new long[pieces.length + 2];
        ids[0] = srcLangId;
        System.arraycopy(pieces, 0, ids, 1, pieces.length);
        ids[ids.length - 1] = eosId;
        return ids;
    }

    /** Generated ids to text, special tokens (start, language, end, padding) left out. */
    String decode(long[] ids) {
        return tokenizer.decode(ids, true).strip();
    }

    /** One token as text, special tokens included (for messages). */
    String piece(long id) {
        return tokenizer.decode(new long[] {id}, false);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
