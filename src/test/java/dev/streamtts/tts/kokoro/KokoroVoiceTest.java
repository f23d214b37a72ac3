package dev.streamtts.tts.kokoro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamtts.audio.Pcm;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.Voices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kokoro voices end to end on the tiny model: text → phonemes → ids → style → audio. */
class KokoroVoiceTest {
    static final Path DIR = KokoroModelTest.DIR;

    /** jf_alpha at the default speed, opened once: a Kokoro session costs about half a second to make. */
    static KokoroVoice alpha;

    @TempDir
    Path tmp;

    @BeforeAll
    static void openAlpha() throws ModelException {
        alpha = (KokoroVoice) Voices.open(VoiceCatalog.scan(DIR.getParent()).find("jf_alpha").orElseThrow(),
                VoiceOptions.defaults(), OnnxOptions.cpu(1));
    }

    @AfterAll
    static void closeAlpha() {
        alpha.close();
    }

    @Test
    void theCatalogFindsEveryVoiceOfAnInstalledModel() {
        VoiceCatalog catalog = VoiceCatalog.scan(DIR.getParent());
        assertThat(catalog.entries()).filteredOn(e -> e.kind() == VoiceCatalog.Kind.KOKORO)
                .extracting(VoiceCatalog.Entry::name).containsExactlyInAnyOrder("af_heart", "jf_alpha", "jm_kumo");
        VoiceCatalog.Entry alpha = catalog.find("jf_alpha").orElseThrow();
        assertThat(alpha.language()).isEqualTo("ja");
        assertThat(alpha.sampleRate()).isEqualTo(24_000);
    }

    @Test
    void speaksJapaneseAndTheSpeedChangesTheLength() throws Exception {
        KokoroVoice normal = alpha;
        VoiceCatalog.Entry entry = VoiceCatalog.scan(DIR.getParent()).find("jf_alpha").orElseThrow();
        try (KokoroVoice fast = (KokoroVoice) Voices.open(entry, new VoiceOptions(null, 1.5, null, null), OnnxOptions.cpu(1))) {
            assertThat(normal.phonemes("ファイルを更新しました。")).isEqualTo("ɸaiɾɯ o koːɕiɴ ɕi maɕita.");
            Pcm a = normal.synthesize("ファイルを更新しました。");
            assertThat(a.sampleRate()).isEqualTo(24_000);
            assertThat(a.length()).isPositive().isEqualTo(normal.synthesize("ファイルを更新しました。").length());
            assertThat(a.length() % 600).isZero(); // one duration frame is 600 samples
            assertThat(fast.synthesize("ファイルを更新しました。").length()).isLessThan(a.length());
        }
    }

    @Test
    void longInputIsCutIntoPiecesTheModelCanTake() throws Exception {
        KokoroVoice voice = alpha;
        String phonemes = String.join(", ", java.util.Collections.nCopies(120, "koɲɲiʨiβa"));
        List<String> pieces = voice.pieces(phonemes);
        assertThat(pieces).hasSizeGreaterThan(1);
        KokoroVocab vocab = KokoroVocab.read(DIR.resolve("config.json"));
        assertThat(pieces).allSatisfy(p -> assertThat(vocab.ids(p).length).isLessThanOrEqualTo(510));
        assertThat(String.join(" ", pieces).replace(" ", "")).isEqualTo(phonemes.replace(" ", ""));
        String longText = String.join("、", java.util.Collections.nCopies(80, "テストを実行します")) + "。";
        assertThat(voice.synthesize(longText).length()).isPositive();
    }

    @Test
    void englishKokoroVoicesUseEspeak() throws Exception {
        VoiceCatalog.Entry heart = VoiceCatalog.scan(DIR.getParent()).find("af_heart").orElseThrow();
        try (KokoroVoice voice = (KokoroVoice) Voices.open(heart, VoiceOptions.defaults(), OnnxOptions.cpu(1))) {
            assertThat(voice.phonemes("I like trains.")).isEqualTo("I lˈIk tɹˈAnz.");
            assertThat(voice.synthesize("Hello there.").length()).isPositive();
        }
    }

    @Test
    void aVoiceOfAnUnsupportedLanguageOrAMissingFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> KokoroVoices.frontend("zf_xiaobei")).isInstanceOf(ModelException.class)
                .hasMessageContaining("zf_xiaobei").hasMessageContaining("no phonemizer");
        Path dir = Files.createDirectories(tmp.resolve("kokoro"));
        Files.copy(DIR.resolve("kokoro-tiny-tokens.onnx"), dir.resolve("kokoro-tiny-tokens.onnx"));
        Files.copy(DIR.resolve("voices/jf_alpha.bin"), dir.resolve("jf_alpha.bin"));
        assertThatThrownBy(() -> KokoroVoices.open("jf_alpha", dir.resolve("kokoro-tiny-tokens.onnx"),
                dir.resolve("jf_alpha.bin"), VoiceOptions.defaults(), OnnxOptions.cpu(1)))
                .isInstanceOf(ModelException.class).hasMessageContaining("config.json");
    }
}
