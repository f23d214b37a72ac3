package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.TestFiles;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.Voices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command with the tiny NLLB and the tiny Kokoro model installed in a models folder. */
class TranslationEndToEndTest {
    static final Path FIXTURES = Path.of("src/test/resources/models");

    @TempDir
    Path dir;

    @BeforeEach
    void install() throws IOException {
        TestFiles.copy(FIXTURES.resolve("nllb-tiny"), dir.resolve("models/nllb-tiny"));
        TestFiles.copy(FIXTURES.resolve("kokoro"), dir.resolve("models/kokoro-tiny"));
        Files.writeString(dir.resolve("tiny.yaml"), "translate:\n  model: nllb-tiny\n  precision: fp32\n  max_length: 24\n");
    }

    @Test
    void dryRunShowsTranslationsAndLeavesJapaneseAlone() throws Exception {
        String input = "{\"content\":[{\"type\":\"text\",\"text\":\"I fixed the parser first. ファイルを更新しました。\"}]}\n";
        Cli c = Cli.run(dir, input, "--config", "tiny.yaml", "--models-dir", "models", "--dry-run");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        List<JsonNode> lines = json(c.out());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("text").asText()).isEqualTo("I fixed the parser first.");
        assertThat(lines.get(0).get("translation").isTextual()).isTrue();
        assertThat(lines.get(1).get("translation").isNull()).isTrue(); // already Japanese
    }

    @Test
    void aBrokenKokoroConfigIsNamedNotTakenForAMissingModel() throws Exception {
        for (String content : new String[] {"", "{\"x\": 1}", "not json"}) {
            Files.writeString(dir.resolve("models/kokoro-tiny/config.json"), content);
            Cli c = Cli.run(dir, "", "--config", "tiny.yaml", "--models-dir", "models", "--voice", "jf_alpha",
                    "--device", "none");
            assertThat(c.exitCode).as(content).isEqualTo(2);
            assertThat(c.err().strip()).as(content).startsWith("stream-tts: voice 'jf_alpha' is broken: ")
                    .contains("kokoro-tiny/config.json").contains("models download kokoro-82m")
                    .doesNotContain("missing models").doesNotContain("downloading");
        }
    }

    @Test
    void japaneseTranslationsSpokenByTheJapaneseVoiceGiveAWavOfTheExpectedLength() throws Exception {
        String input = "{\"content\":[{\"type\":\"text\",\"text\":\"I fixed the parser first. The build failed. All tests pass now.\"}]}\n";
        Cli dry = Cli.run(dir, input, "--config", "tiny.yaml", "--models-dir", "models", "--dry-run");
        assertThat(dry.exitCode).as(dry.err()).isEqualTo(0);
        List<String> japanese = new ArrayList<>();
        for (JsonNode line : json(dry.out())) {
            japanese.add(line.get("translation").asText());
        }
        assertThat(japanese).hasSize(3);

        // Speak the translations: Japanese in, the default voice for jpn_Jpan (jf_alpha), nothing to translate.
        StringBuilder stream = new StringBuilder();
        for (String s : japanese) {
            stream.append("{\"content\":[{\"type\":\"text\",\"text\":").append(new ObjectMapper().writeValueAsString(s))
                    .append("}]}\n");
        }
        Cli speak = Cli.run(dir, stream.toString(), "--config", "tiny.yaml", "--models-dir", "models", "--no-translate",
                "--source-lang", "jpn_Jpan", "--wav", "ja.wav", "--device", "none");
        assertThat(speak.exitCode).as(speak.err()).isEqualTo(0);

        long expected = 0;
        int sentences = 0;
        VoiceCatalog.Entry alpha = VoiceCatalog.scan(dir.resolve("models")).find("jf_alpha").orElseThrow();
        try (var voice = Voices.open(alpha, VoiceOptions.defaults(), OnnxOptions.cpu(1))) {
            for (String s : japanese) {
                for (String sentence : new dev.streamtts.text.SentenceSplitter(java.util.Locale.JAPANESE, 300).sentences(s)) {
                    expected += voice.synthesize(sentence).length();
                    sentences++;
                }
            }
        }
        expected += (sentences - 1) * (long) (0.2 * 24_000);
        try (AudioInputStream wav = AudioSystem.getAudioInputStream(dir.resolve("ja.wav").toFile())) {
            assertThat(wav.getFormat().getSampleRate()).isEqualTo(24_000f);
            assertThat(wav.getFrameLength()).isEqualTo(expected);
        }
    }

    @Test
    void theSameInputIsTranslatedTheSameWayWhateverItsPace() throws Exception {
        // int8 (dynamic quantization): sentences translated in one batch change each other's results, so
        // a burst (sentences waiting together) must give exactly what a slow trickle gives.
        Files.writeString(dir.resolve("int8.yaml"), "translate:\n  model: nllb-tiny\n  precision: int8\n  max_length: 24\n");
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            stream.append("{\"content\":[{\"type\":\"text\",\"text\":\"Step ").append(i)
                    .append(" of the build ").append(i % 3 == 0 ? "failed again today" : "passed").append(".\"}]}\n");
        }
        byte[] bytes = stream.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Cli burst = Cli.run(dir, new java.io.ByteArrayInputStream(bytes), "--config", "int8.yaml", "--models-dir", "models",
                "--dry-run");
        java.io.InputStream trickle = new java.io.InputStream() { // one line at a time, a pause between
            private int pos;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (pos == bytes.length) {
                    return -1;
                }
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                int end = pos;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                int n = Math.min(len, end + 1 - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        Cli slow = Cli.run(dir, trickle, "--config", "int8.yaml", "--models-dir", "models", "--dry-run");
        assertThat(burst.exitCode).as(burst.err()).isZero();
        assertThat(slow.exitCode).as(slow.err()).isZero();
        assertThat(json(burst.out())).hasSize(24);
        assertThat(burst.out()).isEqualTo(slow.out());
    }

    static List<JsonNode> json(String lines) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines.split("\n")) {
            if (!l.isBlank()) {
                out.add(new ObjectMapper().readTree(l));
            }
        }
        return out;
    }
}
