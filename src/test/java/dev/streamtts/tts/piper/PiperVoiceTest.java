package dev.streamtts.tts.piper;

import static dev.streamtts.audio.Samples.assertSameSamples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.Npy;
import dev.streamtts.audio.Pcm;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.espeak.EspeakPhonemizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Piper voice against its references:
 * <ul>
 * <li>ids: {@code ids-golden.json} was derived by hand from Piper's rules (piper1-gpl phonemize_espeak.py
 *     and phoneme_ids.py: BOS, pad after BOS and after each phoneme, EOS; unknown phonemes dropped with
 *     their pad; clause punctuation appended) over real espeak-ng 1.51 output, with the tiny voice's map;</li>
 * <li>audio: {@code golden.json} lists the cases and {@code golden/*.npy} holds Python onnxruntime's output
 *     of the same tiny model for the same ids with noise 0 (see scripts/make_tiny_piper.py).</li>
 * </ul>
 */
class PiperVoiceTest {
    static final Path DIR = Path.of("src/test/resources/models/piper");
    static final Path ONE = DIR.resolve("en_US-tiny_1spk-x_low.onnx");
    static final Path THREE = DIR.resolve("en_US-tiny_3spk-x_low.onnx");
    static final VoiceOptions QUIET = new VoiceOptions(null, 1.0, 0.0, 0.0);

    @TempDir
    Path tmp;

    @Test
    void textToIdsFollowsPipersRulesOverRealEspeak() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(DIR.resolve("ids-golden.json").toFile());
        PiperConfig config = PiperConfig.read(DIR.resolve("en_US-tiny_1spk-x_low.onnx.json"));
        int cases = 0;
        for (JsonNode c : golden.get("cases")) {
            if (c.has("phrases")) {
                continue; // phoneme_silence: checked below with a voice that has it
            }
            PhonemeIds ids = new PhonemeIds(config.phonemeIds());
            List<String> sentences = EspeakPhonemizer.forVoice(c.get("espeak_voice").asText()).sentences(c.get("text").asText());
            assertThat(sentences).as(c.get("name").asText()).hasSize(c.get("sentences").size());
            long dropped = 0;
            for (int i = 0; i < sentences.size(); i++) {
                JsonNode expected = c.get("sentences").get(i);
                assertThat(sentences.get(i)).as(c.get("name").asText()).isEqualTo(expected.get("phonemes").asText());
                assertThat(ids.of(sentences.get(i))).as(c.get("name").asText()).containsExactly(longs(expected.get("ids")));
                dropped += expected.get("dropped").size();
            }
            assertThat(ids.unknownCount()).as(c.get("name").asText()).isEqualTo(dropped);
            cases++;
        }
        assertThat(cases).isEqualTo(7);
    }

    @Test
    void phonemeSilenceCutsPhrasesAndAddsSilence() throws Exception {
        Path json = tmp.resolve("v.onnx.json");
        String text = Files.readString(DIR.resolve("en_US-tiny_1spk-x_low.onnx.json"))
                .replace("\"noise_w\": 0.8", "\"noise_w\": 0.8, \"phoneme_silence\": {\",\": 0.25}");
        Files.writeString(json, text);
        Files.copy(ONE, tmp.resolve("v.onnx"));
        try (PiperVoice voice = PiperVoice.open(tmp.resolve("v.onnx"), QUIET, OnnxOptions.cpu(1))) {
            JsonNode golden = new ObjectMapper().readTree(DIR.resolve("ids-golden.json").toFile());
            JsonNode c = golden.get("cases").get(7);
            List<String> phrases = voice.phrases(voice.phonemes(c.get("text").asText()).get(0));
            assertThat(phrases).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(phrases.get(i)).isEqualTo(c.get("phrases").get(i).get("phonemes").asText());
                assertThat(new PhonemeIds(voice.config().phonemeIds()).of(phrases.get(i)))
                        .containsExactly(longs(c.get("phrases").get(i).get("ids")));
            }
            Pcm pcm = voice.synthesize(c.get("text").asText());
            int first = voice.run(new PhonemeIds(voice.config().phonemeIds()).of(phrases.get(0))).length;
            int second = voice.run(new PhonemeIds(voice.config().phonemeIds()).of(phrases.get(1))).length;
            assertThat(pcm.length()).isEqualTo(first + 5512 + second); // int(0.25 × 22050), as Piper
        }
    }

    @Test
    void waveformsEqualPythonOnnxRuntime() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(DIR.resolve("golden.json").toFile());
        int checked = 0;
        for (JsonNode c : golden.get("cases")) {
            Path model = DIR.resolve(c.get("model").asText() + ".onnx");
            JsonNode scales = c.get("scales");
            String sid = c.get("sid").isNull() ? null : c.get("sid").asText();
            VoiceOptions options = new VoiceOptions(sid, 1.0 / scales.get(1).asDouble(),
                    scales.get(0).asDouble(), scales.get(2).asDouble());
            try (PiperVoice voice = PiperVoice.open(model, options, OnnxOptions.cpu(1))) {
                float[] got = voice.run(longs(c.get("phoneme_ids")));
                float[] want = Npy.floats(DIR.resolve(c.get("waveform").asText()));
                assertThat(got).as(c.get("name").asText()).hasSize(c.get("num_samples").asInt()).hasSameSizeAs(want);
                double maxDiff = 0;
                for (int i = 0; i < want.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
                }
                assertThat(maxDiff).as(c.get("name").asText()).isLessThanOrEqualTo(1e-4);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(golden.get("cases").size()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void synthesizesTextEndToEndAndLengthFollowsSpeed() throws Exception {
        try (PiperVoice normal = PiperVoice.open(ONE, QUIET, OnnxOptions.cpu(1));
             PiperVoice slow = PiperVoice.open(ONE, new VoiceOptions(null, 0.5, 0.0, 0.0), OnnxOptions.cpu(1))) {
            Pcm a = normal.synthesize("Hello world. How are you?");
            assertThat(a.sampleRate()).isEqualTo(22_050);
            assertThat(a.length()).isGreaterThan(0).isEqualTo(normal.synthesize("Hello world. How are you?").length());
            assertThat(slow.synthesize("Hello world. How are you?").length()).isGreaterThan(a.length());
            assertThat(normal.synthesize("")).extracting(Pcm::length).isEqualTo(0);
        }
    }

    @Test
    void speakersAreChosenByNameOrNumber() throws Exception {
        try (PiperVoice bob = PiperVoice.open(THREE, new VoiceOptions("bob", 1.0, 0.0, 0.0), OnnxOptions.cpu(1));
             PiperVoice one = PiperVoice.open(THREE, new VoiceOptions("1", 1.0, 0.0, 0.0), OnnxOptions.cpu(1));
             PiperVoice first = PiperVoice.open(THREE, QUIET, OnnxOptions.cpu(1))) {
            float[] b = bob.synthesize("Hello.").samples();
            assertSameSamples(one.synthesize("Hello.").samples(), b);
            assertThat(first.synthesize("Hello.").samples()).isNotEqualTo(b);
        }
        assertThatThrownBy(() -> PiperVoice.open(THREE, new VoiceOptions("dave", 1.0, 0.0, 0.0), OnnxOptions.cpu(1)))
                .isInstanceOf(ModelException.class).hasMessageContaining("no speaker 'dave'").hasMessageContaining("alice");
    }

    @Test
    void longSentencesAreCutSoNoRunExceedsTheLimit() throws Exception {
        try (PiperVoice voice = PiperVoice.open(ONE, QUIET, OnnxOptions.cpu(1))) {
            String phonemes = String.join(", ", java.util.Collections.nCopies(80, "həlˈoʊ")) + ".";
            List<String> phrases = voice.phrases(phonemes);
            assertThat(phrases).hasSizeGreaterThan(1)
                    .allSatisfy(p -> assertThat(p.codePointCount(0, p.length())).isLessThanOrEqualTo(PiperVoice.MAX_PHONEMES));
            assertThat(String.join("", phrases)).isEqualTo(phonemes);
        }
    }

    @Test
    void missingOrBrokenFilesAreOneLineErrorsNamingTheFile() throws Exception {
        Files.copy(DIR.resolve("en_US-tiny_1spk-x_low.onnx.json"), tmp.resolve("broken.onnx.json"));
        Files.write(tmp.resolve("broken.onnx"), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> PiperVoice.open(tmp.resolve("broken.onnx"), QUIET, OnnxOptions.cpu(1)))
                .isInstanceOf(ModelException.class).hasMessageContaining("broken.onnx").hasMessageContaining("corrupt")
                .hasMessageNotContaining("\n");
        Files.copy(ONE, tmp.resolve("nojson.onnx"));
        assertThatThrownBy(() -> PiperVoice.open(tmp.resolve("nojson.onnx"), QUIET, OnnxOptions.cpu(1)))
                .isInstanceOf(ModelException.class).hasMessageContaining("nojson.onnx.json: missing");
        Files.writeString(tmp.resolve("bad.onnx.json"), "{\"audio\":{\"sample_rate\":22050},\"phoneme_id_map\":{\"a\":[1]}}");
        Files.copy(ONE, tmp.resolve("bad.onnx"));
        assertThatThrownBy(() -> PiperVoice.open(tmp.resolve("bad.onnx"), QUIET, OnnxOptions.cpu(1)))
                .isInstanceOf(ModelException.class).hasMessageContaining("bad.onnx.json").hasMessageContaining("lacks");
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static List<Long> list(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long v : a) {
            l.add(v);
        }
        return l;
    }
}
