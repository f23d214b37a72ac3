package dev.streamtts.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.icu.lang.UScript;
import dev.streamtts.TestFiles;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ExternalData;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.OutputSlicer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The output shortlist on the tiny NLLB (random weights: its outputs mix scripts freely, which is what
 * lets these tests see the shortlist at work). Every test works on a copy of the model folder, as the cut
 * decoders are written beside the originals.
 */
class ShortlistTest {
    static final GenerationOptions GREEDY = new GenerationOptions(1, 24, 1.0, 0);
    static final List<String> TARGETS = List.of("jpn_Jpan", "rus_Cyrl", "deu_Latn");

    @TempDir
    Path tmp;
    Path dir;
    NllbConfig config;

    @BeforeEach
    void copyModel() throws Exception {
        dir = tmp.resolve("nllb-tiny");
        TestFiles.copy(NllbGoldenTest.DIR, dir);
        config = NllbConfig.read(dir.resolve("config.json"));
    }

    /** The fixture's texts, English and not, short and long (not those past the model's 1024 positions). */
    static List<String> sentences() {
        List<String> out = new ArrayList<>();
        for (JsonNode c : NllbGoldenTest.GOLDEN.get("tokenizer")) {
            out.add(c.get("text").asText());
        }
        for (JsonNode c : NllbGoldenTest.GOLDEN.get("generate")) {
            c.get("texts").forEach(t -> out.add(t.asText()));
        }
        out.addAll(List.of("All tests pass now.", "Let me read the README before I change anything else today.",
                "The build failed because config.yaml was missing a key.", "Done."));
        return out.stream().filter(t -> t.length() < 1000).distinct().toList();
    }

    @Test
    void theJapaneseShortlistIsTheRuleAppliedToEveryPieceOfTheTokenizer() throws Exception {
        Shortlist ja = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("jpn_Jpan"), config);
        Map<Integer, String> pieces = new HashMap<>();
        Set<Integer> special = new HashSet<>();
        Shortlist.read(dir.resolve("tokenizer.json"), config.vocabSize(), (id, piece, isSpecial) -> {
            pieces.put(id, piece);
            if (isSpecial) {
                special.add(id);
            }
        });
        Set<Integer> scripts = Set.of(UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA, UScript.LATIN, UScript.COMMON,
                UScript.INHERITED);
        for (int id = 0; id < config.vocabSize(); id++) {
            boolean expected = special.contains(id) || !pieces.containsKey(id) || Shortlist.inScripts(pieces.get(id), scripts);
            assertThat(ja.contains(id)).as("id %d, piece '%s'", id, pieces.get(id)).isEqualTo(expected);
        }
        assertThat(special).hasSize(207); // <s> <pad> </s> <unk>, 202 language codes, <mask>
        Map<String, Integer> ids = new HashMap<>();
        pieces.forEach((id, piece) -> ids.putIfAbsent(piece, id));
        for (String kept : List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>", "jpn_Jpan", "rus_Cyrl", "▁the", "設", "个",
                "👍", "ON", "0", "(", "~", "ón")) {
            assertThat(ja.contains(ids.get(kept))).as(kept).isTrue();
        }
        for (String dropped : List.of("л", "국어")) {
            assertThat(ja.contains(ids.get(dropped))).as(dropped).isFalse();
        }
        Shortlist ko = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("kor_Hang"), config);
        assertThat(ko.contains(ids.get("국어"))).isTrue();
        assertThat(ko.contains(ids.get("л"))).isFalse();
        Shortlist ru = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("rus_Cyrl"), config);
        assertThat(ru.contains(ids.get("л"))).isTrue();
        assertThat(ru.contains(ids.get("ファ") == null ? ids.get("フ") : ids.get("ファ"))).isFalse();
        assertThat(ja.size()).isLessThan(config.vocabSize());
        assertThat(ja.name()).isEqualTo("Jpan");
        assertThat(ja.hash()).isNotEqualTo(ru.hash());
    }

    @Test
    void columnsAndIdsMapBothWays() throws Exception {
        Shortlist ja = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("jpn_Jpan"), config);
        int[] ids = ja.ids();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        for (int column = 0; column < ja.size(); column++) {
            assertThat(ja.column(ja.id(column))).isEqualTo(column);
        }
        Set<Integer> kept = new HashSet<>();
        Arrays.stream(ids).forEach(kept::add);
        for (int id = 0; id < config.vocabSize(); id++) {
            assertThat(ja.contains(id)).isEqualTo(kept.contains(id));
            if (!kept.contains(id)) {
                assertThat(ja.column(id)).isEqualTo(-1);
            }
        }
        assertThat(ja.column(-1)).isEqualTo(-1);
        assertThat(ja.column(config.vocabSize())).isEqualTo(-1);
        Shortlist s = Shortlist.of("t", new int[] {9, 2, 9, 5}, 10);
        assertThat(s.ids()).containsExactly(2, 5, 9);
        assertThatThrownBy(() -> Shortlist.of("t", new int[] {10}, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shortlist.of("../x", new int[] {1}, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The guarantee the shortlist is on by default for: with greedy decoding, an output made only of
     * shortlisted tokens comes out token for token; and the test can tell, since taking one of those tokens
     * away changes an output.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FP32, merged", "INT8, merged", "FP32, split"})
    void greedyOutputsWithinTheShortlistAreReproducedTokenForToken(NllbFiles.Precision precision, String layout)
            throws Exception {
        NllbFiles files = NllbFiles.locate(dir, precision, layout.equals("merged"), "fix");
        List<String> sentences = sentences();
        Map<String, long[]> full = new HashMap<>();
        Set<Integer> produced = new TreeSet<>();
        List<long[]> inputs = new ArrayList<>();
        List<Long> targets = new ArrayList<>();
        try (NllbTokenizer tok = NllbTokenizer.open(dir.resolve("tokenizer.json"), config.eosTokenId());
             NllbGenerator generator = NllbGenerator.open(files, config, OnnxOptions.cpu(1), "fix")) {
            long english = tok.languageId(NllbLanguages.parse("eng_Latn"));
            for (String target : TARGETS) {
                long forced = tok.languageId(NllbLanguages.parse(target));
                for (String s : sentences) {
                    long[] in = tok.encoderInput(s, english);
                    long[] out = generator.generate(new long[][] {in}, forced, GREEDY)[0];
                    full.put(target + "|" + s, out);
                    Arrays.stream(out).forEach(id -> produced.add((int) id));
                    inputs.add(in);
                    targets.add(forced);
                }
            }
        }
        // Every produced token, the specials, and a random half of the rest.
        Random rnd = new Random(11);
        List<Integer> ids = new ArrayList<>(produced);
        for (int id = 0; id < config.vocabSize(); id++) {
            if (id < 4 || rnd.nextBoolean()) {
                ids.add(id);
            }
        }
        Shortlist shortlist = Shortlist.of("test", ids.stream().mapToInt(Integer::intValue).toArray(), config.vocabSize());
        assertThat(shortlist.size()).isLessThan(config.vocabSize() * 4 / 5);
        try (NllbGenerator cut = NllbGenerator.open(files, config, OnnxOptions.cpu(1), "fix", shortlist, false)) {
            assertThat(cut.shortlist()).isSameAs(shortlist);
            int i = 0;
            for (String target : TARGETS) {
                for (String s : sentences) {
                    long[] got = cut.generate(new long[][] {inputs.get(i)}, targets.get(i), GREEDY)[0];
                    assertThat(got).as("%s: %s", target, s).containsExactly(full.get(target + "|" + s));
                    i++;
                }
            }
        }
        // Without one token the full model chose for the first sentence, that output changes.
        long[] first = full.get(TARGETS.get(0) + "|" + sentences.get(0));
        int removed = (int) Arrays.stream(first).skip(2).filter(id -> id != config.eosTokenId()).findFirst().orElseThrow();
        Shortlist without = Shortlist.of("test", ids.stream().mapToInt(Integer::intValue).filter(id -> id != removed)
                .toArray(), config.vocabSize());
        try (NllbGenerator cut = NllbGenerator.open(files, config, OnnxOptions.cpu(1), "fix", without, false)) {
            long[] got = cut.generate(new long[][] {inputs.get(0)}, targets.get(0), GREEDY)[0];
            assertThat(got).isNotEqualTo(first).doesNotContain(removed);
        }
    }

    /** The reason it is exact: the kept logits are the full model's own, bit for bit, at every step. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FP32, merged", "INT8, merged", "INT8, split", "FP32, merged with external data"})
    void theKeptLogitsAreTheFullModelsColumnsBitForBit(NllbFiles.Precision precision, String layout) throws Exception {
        long graphOnly = 0;
        if (layout.endsWith("external data")) { // as files over 2 GB are stored: the weights in NAME.onnx_data
            ExternalData.moveOut(dir.resolve("decoder_model_merged.onnx"), "decoder_model_merged.onnx_data");
            graphOnly = Files.size(dir.resolve("decoder_model_merged.onnx"));
            assertThat(Files.size(dir.resolve("decoder_model_merged.onnx_data"))).isGreaterThan(4L * 32 * 604);
        }
        NllbFiles files = NllbFiles.locate(dir, precision, layout.startsWith("merged"), "fix");
        Shortlist ja = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("jpn_Jpan"), config);
        try (NllbTokenizer tok = NllbTokenizer.open(dir.resolve("tokenizer.json"), config.eosTokenId());
             NllbEncoder encoder = NllbEncoder.open(files, config, OnnxOptions.cpu(1), "fix");
             NllbDecoder full = NllbDecoder.open(files, config, OnnxOptions.cpu(1), "fix");
             NllbDecoder cut = NllbDecoder.openShortlisted(files, config, OnnxOptions.cpu(1), "fix", ja)) {
            assertThat(cut.vocab()).isEqualTo(ja.size());
            long[][] batch = {tok.encoderInput("I fixed the parser first.", tok.languageId(NllbLanguages.parse("eng_Latn"))),
                    tok.encoderInput("Let me read the README before I change anything else today.", 256047 % 604)};
            OnnxTensor[] in = NllbEncoder.tensors(batch, config.padTokenId());
            int steps = 0;
            try (OnnxTensor ids = in[0]; OnnxTensor mask = in[1]; OrtSession.Result enc = encoder.encode(ids, mask)) {
                OnnxTensor hidden = (OnnxTensor) enc.get("last_hidden_state").orElseThrow();
                try (DecoderState a = new DecoderState(full, hidden, mask, 2);
                     DecoderState b = new DecoderState(cut, hidden, mask, 2)) {
                    long[] last = {config.decoderStartTokenId(), config.decoderStartTokenId()};
                    for (int step = 0; step < 12; step++) {
                        FloatBuffer fa = a.step(last);
                        FloatBuffer fb = b.step(last);
                        for (int r = 0; r < 2; r++) {
                            for (int c = 0; c < ja.size(); c++) {
                                assertThat(Float.floatToIntBits(fb.get(r * ja.size() + c))).as("step %d row %d id %d", step,
                                        r, ja.id(c)).isEqualTo(Float.floatToIntBits(fa.get(r * config.vocabSize() + ja.id(c))));
                            }
                            // the full model's choice, so both follow the same path
                            last[r] = Greedy.argmax(fa, r * config.vocabSize(), config.vocabSize(), -1);
                        }
                        steps++;
                    }
                }
            }
            assertThat(steps).isEqualTo(12);
        }
        if (layout.endsWith("external data")) { // the cut weight is written into the new file, the rest stays outside
            Path cut = ShortlistedDecoder.pathFor(files.decoder(), ja);
            assertThat(Files.size(cut) - graphOnly).isBetween(32L * 4 * ja.size(), 32L * 4 * ja.size() + 1_000);
        }
    }

    @Test
    void theTranslatorShortlistsGreedyDecodingInAutoModeAndBeamSearchOnlyWhenOn() throws Exception {
        NllbTranslator.Settings greedy = settings(new GenerationOptions(1, 24, 1.0, 3.0));
        NllbTranslator.Settings beams = settings(new GenerationOptions(3, 24, 1.0, 3.0));
        Shortlist ja = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("jpn_Jpan"), config);
        try (NllbTranslator auto = NllbTranslator.open(greedy.withShortlist(ShortlistMode.AUTO));
             NllbTranslator off = NllbTranslator.open(greedy.withShortlist(ShortlistMode.OFF))) {
            assertThat(auto.shortlist().hash()).isEqualTo(ja.hash());
            assertThat(off.shortlist()).isNull();
            // Outputs the full model makes from shortlisted tokens only are the same text; the others are
            // made of shortlisted tokens (this random model writes Cyrillic and Hangul into Japanese).
            int same = 0;
            for (String s : sentences()) {
                long[] fullIds = off.generateIds(s, GREEDY);
                long[] autoIds = auto.generateIds(s, GREEDY);
                assertThat(Arrays.stream(autoIds).allMatch(ja::contains)).as(s).isTrue();
                if (Arrays.stream(fullIds).allMatch(ja::contains)) {
                    assertThat(autoIds).as(s).containsExactly(fullIds);
                    assertThat(auto.translate(List.of(s))).isEqualTo(off.translate(List.of(s)));
                    same++;
                }
            }
            assertThat(same).as("sentences whose full output is all shortlisted").isGreaterThan(0);
        }
        try (NllbTranslator auto = NllbTranslator.open(beams.withShortlist(ShortlistMode.AUTO));
             NllbTranslator on = NllbTranslator.open(beams.withShortlist(ShortlistMode.ON))) {
            assertThat(auto.shortlist()).isNull();
            assertThat(on.shortlist().hash()).isEqualTo(ja.hash());
            List<Optional<String>> out = on.translate(List.of("I fixed the parser first.", "All tests pass now."));
            assertThat(out).allSatisfy(o -> assertThat(o).isPresent());
            long[] ids = on.generateIds("I fixed the parser first.", new GenerationOptions(3, 24, 1.0, 0));
            assertThat(ids[1]).isEqualTo(NllbGoldenTest.tokenId("jpn_Jpan")); // the forced language token
            assertThat(Arrays.stream(ids).allMatch(ja::contains)).isTrue();
        }
    }

    @Test
    void theCutDecoderIsMadeOnceAndMadeAgainWhenTheSourceOrTheShortlistChanges() throws Exception {
        Path source = dir.resolve("decoder_model_merged.onnx");
        Shortlist ja = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("jpn_Jpan"), config);
        Path cut = ShortlistedDecoder.derive(source, ja, config.vocabSize(), false);
        assertThat(cut).isEqualTo(dir.resolve("decoder_model_merged.shortlist-Jpan.onnx"));
        assertThat(Files.size(cut)).isLessThan(Files.size(source));
        assertThat(OutputSlicer.metadata(cut)).containsEntry(ShortlistedDecoder.KEY_SHORTLIST, ja.hash())
                .containsEntry(ShortlistedDecoder.KEY_SIZE, Long.toString(Files.size(source)))
                .containsEntry(ShortlistedDecoder.KEY_SHA256, ShortlistedDecoder.sha256(source))
                .containsEntry(ShortlistedDecoder.KEY_TOKENS, Integer.toString(ja.size()));
        FileTime made = stamp(cut);
        assertThat(ShortlistedDecoder.derive(source, ja, config.vocabSize(), false)).isEqualTo(cut);
        assertThat(Files.getLastModifiedTime(cut)).isEqualTo(made); // reused

        // Same bytes, another time (a copied folder): checked by SHA-256, reused.
        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() - 60_000));
        ShortlistedDecoder.derive(source, ja, config.vocabSize(), false);
        assertThat(Files.getLastModifiedTime(cut)).isEqualTo(made);

        // Another source (a new download): made again from it.
        Files.copy(dir.resolve("decoder_model_merged_quantized.onnx"), source, StandardCopyOption.REPLACE_EXISTING);
        ShortlistedDecoder.derive(source, ja, config.vocabSize(), false);
        assertThat(Files.getLastModifiedTime(cut)).isNotEqualTo(made);
        assertThat(OutputSlicer.metadata(cut)).containsEntry(ShortlistedDecoder.KEY_SIZE, Long.toString(Files.size(source)));
        made = stamp(cut);

        // Another shortlist under the same name: made again.
        Shortlist other = Shortlist.of("Jpan", Arrays.copyOf(ja.ids(), ja.size() - 1), config.vocabSize());
        ShortlistedDecoder.derive(source, other, config.vocabSize(), false);
        assertThat(Files.getLastModifiedTime(cut)).isNotEqualTo(made);
        assertThat(OutputSlicer.metadata(cut)).containsEntry(ShortlistedDecoder.KEY_SHORTLIST, other.hash());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void aDamagedCutDecoderIsMadeAgainWhenItIsOpened() throws Exception {
        NllbFiles files = NllbFiles.locate(dir, NllbFiles.Precision.FP32, true, "fix");
        Shortlist ja = Shortlist.forTarget(dir.resolve("tokenizer.json"), NllbLanguages.parse("jpn_Jpan"), config);
        Path cut = ShortlistedDecoder.derive(files.decoder(), ja, config.vocabSize(), false);
        long size = Files.size(cut);
        // Its metadata (at the end) intact, the graph before it broken: only loading it tells.
        byte[] bytes = Files.readAllBytes(cut);
        Arrays.fill(bytes, 40, 400, (byte) 0x7F);
        Files.write(cut, bytes);
        try (NllbDecoder d = NllbDecoder.openShortlisted(files, config, OnnxOptions.cpu(1), "fix", ja)) {
            assertThat(d.vocab()).isEqualTo(ja.size());
        }
        assertThat(Files.size(cut)).isEqualTo(size);
        Files.write(cut, new byte[] {1, 2, 3}); // unreadable metadata: made again before loading
        try (NllbDecoder d = NllbDecoder.openShortlisted(files, config, OnnxOptions.cpu(1), "fix", ja)) {
            assertThat(d.vocab()).isEqualTo(ja.size());
        }
    }

    @Test
    void aCorruptOrForeignDecoderIsAnErrorNamingTheFile() throws Exception {
        NllbTranslator.Settings on = settings(GREEDY).withShortlist(ShortlistMode.ON);
        Path decoder = dir.resolve("decoder_model_merged.onnx");
        byte[] original = Files.readAllBytes(decoder);
        Files.write(decoder, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> NllbTranslator.open(on)).isInstanceOf(ModelException.class)
                .hasMessageContaining(decoder.toString()).hasMessageContaining("cannot cut its output")
                .hasMessageNotContaining("\n");
        Files.copy(dir.resolve("encoder_model.onnx"), decoder, StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> NllbTranslator.open(on)).isInstanceOf(ModelException.class)
                .hasMessageContaining(decoder.toString()).hasMessageContaining("no output 'logits'");
        // auto: the full decoder is tried, and its own check names the file
        assertThatThrownBy(() -> NllbTranslator.open(on.withShortlist(ShortlistMode.AUTO)))
                .isInstanceOf(ModelException.class).hasMessageContaining("this file is not the NLLB decoder");
        Files.write(decoder, original);
        try (NllbTranslator t = NllbTranslator.open(on)) {
            assertThat(t.shortlist()).isNotNull();
        }
    }

    @Test
    void autoModeTranslatesWithTheFullVocabularyWhenTheCutDecoderCannotBeWritten() throws Exception {
        // A folder where the cut decoder should go: it cannot be put there (as on a read-only disk).
        Files.createDirectories(dir.resolve("decoder_model_merged.shortlist-Jpan.onnx").resolve("in-the-way"));
        try (NllbTranslator t = NllbTranslator.open(settings(GREEDY).withShortlist(ShortlistMode.AUTO))) {
            assertThat(t.shortlist()).isNull();
            assertThat(t.translate(List.of("I fixed the parser first.")).get(0)).isPresent();
        }
        assertThatThrownBy(() -> NllbTranslator.open(settings(GREEDY).withShortlist(ShortlistMode.ON)))
                .isInstanceOf(ModelException.class).hasMessageContaining("decoder_model_merged.onnx: cannot cut its output");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    private NllbTranslator.Settings settings(GenerationOptions generation) {
        return new NllbTranslator.Settings(dir, NllbFiles.Precision.FP32, NllbLanguages.parse("eng_Latn"),
                NllbLanguages.parse("jpn_Jpan"), generation, 0, OnnxOptions.cpu(1));
    }

    /** The file's time, set to a while ago so that a rewrite shows as a new time. */
    private static FileTime stamp(Path file) throws Exception {
        FileTime t = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(file, t);
        return t;
    }
}
