package dev.streamtts.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.onnx.OnnxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Token-for-token equality with transformers on the tiny random-weight NLLB made by
 * scripts/export_nllb.py --tiny-random --golden: golden.json holds what transformers' tokenizer and
 * generate() (PyTorch) return, and, for int8, what a plain onnxruntime loop over the quantized files does.
 */
class NllbGoldenTest {
    static final Path DIR = Path.of("src/test/resources/models/nllb-tiny");
    static final JsonNode GOLDEN = read();

    static JsonNode read() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("golden.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tokenizerIdsEqualTransformers() throws Exception {
        NllbConfig config = NllbConfig.read(DIR.resolve("config.json"));
        try (NllbTokenizer tok = NllbTokenizer.open(DIR.resolve("tokenizer.json"), config.eosTokenId())) {
            for (JsonNode c : GOLDEN.get("tokenizer")) {
                String text = c.get("text").asText();
                long src = tok.languageId(NllbLanguages.parse(c.get("src_lang").asText()));
                assertThat(tok.tokens(text)).as(text).containsExactly(longs(c.get("tokens")));
                assertThat(tok.encoderInput(text, src)).as(text).containsExactly(longs(c.get("encoder_input")));
            }
            long[] longest = longs(GOLDEN.get("tokenizer").get(9).get("tokens"));
            assertThat(longest.length).isGreaterThan(512); // no silent truncation at 512
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FP32, merged", "FP32, split"})
    void greedyAndBeamSearchEqualTransformersGenerate(NllbFiles.Precision precision, String decoder) throws Exception {
        try (NllbGenerator generator = generator(precision, decoder.equals("merged"))) {
            int cases = 0;
            for (JsonNode c : GOLDEN.get("generate")) {
                long forced = tokenId(c.get("tgt_lang").asText());
                GenerationOptions options = new GenerationOptions(c.get("num_beams").asInt(), c.get("max_length").asInt(), 1.0,
                        0, c.get("min_length").asInt());
                long[][] got = generator.generate(unpadded(c.get("input_ids")), forced, options);
                for (int r = 0; r < got.length; r++) {
                    assertThat(got[r]).as("%s: %s, row %d", c.get("num_beams"), c.get("texts"), r)
                            .containsExactly(withoutTrailingPads(longs(c.get("sequences").get(r))));
                }
                cases++;
            }
            assertThat(cases).isEqualTo(14);
        }
    }

    @Test
    void int8GreedyEqualsOnnxRuntimeOverTheQuantizedFiles() throws Exception {
        try (NllbGenerator generator = generator(NllbFiles.Precision.INT8, true)) {
            for (JsonNode c : GOLDEN.get("int8")) {
                JsonNode fp32Case = findGenerateCase(c);
                long[][] got = generator.generate(unpadded(fp32Case.get("input_ids")), tokenId(c.get("tgt_lang").asText()),
                        new GenerationOptions(1, c.get("max_length").asInt(), 1.0, 0));
                for (int r = 0; r < got.length; r++) {
                    assertThat(got[r]).containsExactly(withoutTrailingPads(longs(c.get("sequences").get(r))));
                }
            }
        }
    }

    static NllbGenerator generator(NllbFiles.Precision precision, boolean merged) throws Exception {
        NllbFiles files = NllbFiles.locate(DIR, precision, merged, "test");
        assertThat(files.merged()).isEqualTo(merged);
        return NllbGenerator.open(files, NllbConfig.read(files.config()), OnnxOptions.cpu(1), "test");
    }

    private static JsonNode findGenerateCase(JsonNode int8Case) {
        for (JsonNode c : GOLDEN.get("generate")) {
            if (c.get("texts").equals(int8Case.get("texts")) && c.get("tgt_lang").equals(int8Case.get("tgt_lang"))
                    && c.get("num_beams").asInt() == 1 && c.get("max_length").equals(int8Case.get("max_length"))) {
                return c;
            }
        }
        throw new AssertionError("no fp32 case for " + int8Case);
    }

    static long tokenId(String language) throws Exception {
        try (NllbTokenizer tok = NllbTokenizer.open(DIR.resolve("tokenizer.json"), 2)) {
            return tok.languageId(NllbLanguages.parse(language));
        }
    }

    /** The batch's rows without their right padding (pad id 1), as the Java side builds them itself. */
    static long[][] unpadded(JsonNode rows) {
        List<long[]> out = new ArrayList<>();
        for (JsonNode row : rows) {
            out.add(withoutTrailingPads(longs(row)));
        }
        return out.toArray(long[][]::new);
    }

    static long[] withoutTrailingPads(long[] ids) {
        int n = ids.length;
        while (n > 0 && ids[n - 1] == 1) {
            n--;
        }
        return Arrays.copyOf(ids, n);
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }
}
