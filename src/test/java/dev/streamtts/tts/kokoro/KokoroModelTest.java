package dev.streamtts.tts.kokoro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.Npy;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kokoro model runner against Python onnxruntime on the tiny random-weight model with Kokoro's
 * exact signature (scripts/make_tiny_kokoro.py): both input naming schemes, both voice file formats.
 * golden.json lists the cases, golden/*.npy holds Python's waveforms.
 */
class KokoroModelTest {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KokoroModelTest.class);

    static final Path DIR = Path.of("src/test/resources/models/kokoro");
    /** The one voice the fixture also has as a raw voices/NAME.bin; all three are in voices.bin. */
    static final String RAW_VOICE = "jf_alpha";

    @TempDir
    Path tmp;

    @Test
    void waveformsEqualPythonOnnxRuntimeForBothExportsAndBothVoiceFormats() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(DIR.resolve("golden.json").toFile());
        int checked = 0;
        for (String file : new String[] {"kokoro-tiny-tokens.onnx", "kokoro-tiny-input_ids.onnx"}) {
            try (KokoroModel model = KokoroModel.open(DIR.resolve(file), OnnxOptions.cpu(1))) {
                for (JsonNode c : golden.get("cases")) {
                    String voice = c.get("voice").asText();
                    // the tokens export reads the raw file where the fixture has one (RAW_VOICE), else the npz
                    VoiceStyles styles = file.contains("tokens") && voice.equals(RAW_VOICE)
                            ? VoiceStyles.raw(DIR.resolve("voices/" + voice + ".bin"))
                            : VoiceStyles.npz(DIR.resolve("voices.bin"), voice);
                    long[] tokens = longs(c.get("tokens"));
                    assertThat(c.get("style_row").asInt()).isEqualTo(Math.min(tokens.length, 509));
                    float[] got = model.run(tokens, styles.forLength(tokens.length), (float) c.get("speed").asDouble());
                    float[] want = Npy.floats(DIR.resolve(c.get("waveform").asText()));
                    assertThat(got).as(file + " " + c.get("name").asText()).hasSize(c.get("num_samples").asInt())
                            .hasSameSizeAs(want);
                    double maxDiff = 0;
                    double peak = 0;
                    for (int i = 0; i < want.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
                        peak = Math.max(peak, Math.abs(want[i]));
                    }
                    log.info("{} {} max diff {}, peak {}", file, c.get("name").asText(), maxDiff, peak);
                    assertThat(peak).isLessThan(1.0);
                    assertThat(maxDiff).as(file + " " + c.get("name").asText()).isLessThanOrEqualTo(1e-4);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(2 * golden.get("cases").size());
    }

    @Test
    void vocabularyDropsCharactersItDoesNotKnow() throws Exception {
        KokoroVocab vocab = KokoroVocab.read(DIR.resolve("config.json"));
        JsonNode golden = new ObjectMapper().readTree(DIR.resolve("golden.json").toFile());
        JsonNode c = golden.get("cases").get(0);
        assertThat(vocab.ids(c.get("phonemes").asText())).containsExactly(longs(c.get("tokens")));
        assertThat(vocab.ids("a«b»[c]")).hasSize(3); // guillemets and brackets are not in Kokoro's vocabulary
    }

    @Test
    void brokenVoiceFilesAreClearErrors() throws Exception {
        Files.write(tmp.resolve("short.bin"), new byte[100]);
        assertThatThrownBy(() -> VoiceStyles.raw(tmp.resolve("short.bin"))).isInstanceOf(ModelException.class)
                .hasMessageContaining("short.bin").hasMessageContaining("522240");
        assertThatThrownBy(() -> VoiceStyles.npz(DIR.resolve("voices.bin"), "zz_nobody")).isInstanceOf(ModelException.class)
                .hasMessageContaining("no voice 'zz_nobody'");
        assertThat(VoiceStyles.npzNames(DIR.resolve("voices.bin"))).containsExactlyInAnyOrder("jf_alpha", "jm_kumo", "af_heart");
        assertThat(VoiceStyles.raw(DIR.resolve("voices/jf_alpha.bin")).forLength(9999))
                .isEqualTo(VoiceStyles.npz(DIR.resolve("voices.bin"), "jf_alpha").forLength(509));
        VoiceStyles raw = VoiceStyles.raw(DIR.resolve("voices/" + RAW_VOICE + ".bin"));
        VoiceStyles npz = VoiceStyles.npz(DIR.resolve("voices.bin"), RAW_VOICE);
        for (int row = 0; row < VoiceStyles.ROWS; row++) { // both readers give the same table, row by row
            assertThat(raw.forLength(row)).as("row " + row).isEqualTo(npz.forLength(row));
        }
    }

    static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }
}
