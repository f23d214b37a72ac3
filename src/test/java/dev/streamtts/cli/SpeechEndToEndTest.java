package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.audio.PieceJoiner;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.text.ClauseSplitter;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.piper.PiperVoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command speaking with the tiny Piper voice into a WAV file. */
class SpeechEndToEndTest {
    static final String VOICE = "en_US-tiny_1spk-x_low";
    static final Path FIXTURES = Path.of("src/test/resources/models/piper");

    @TempDir
    Path dir;
    Path models;

    /** The tiny Piper voice under {@code dir/models/piper}; returns that folder. */
    static Path installPiperVoice(Path dir) throws java.io.IOException {
        Path piper = Files.createDirectories(dir.resolve("models/piper"));
        for (String f : new String[] {VOICE + ".onnx", VOICE + ".onnx.json"}) {
            Files.copy(FIXTURES.resolve(f), piper.resolve(f));
        }
        return piper;
    }

    @BeforeEach
    void installVoice() throws Exception {
        models = installPiperVoice(dir);
        // Noise off: speech becomes exactly repeatable, so lengths can be compared.
        Files.writeString(dir.resolve("quiet.yaml"), "voice:\n  noise_scale: 0\n  noise_w: 0\n");
    }

    @Test
    void wavHoldsEveryClipWithTheSilencesBetween() throws Exception {
        String input = "{\"content\":[{\"type\":\"text\",\"text\":\"Hello world. How are you today?\"}]}\n"
                + "{\"content\":[{\"type\":\"text\",\"text\":\"Fine, thanks.\"}]}\n";
        Cli c = Cli.run(dir, input, "--config", "quiet.yaml", "--models-dir", "models", "--no-translate",
                "--voice", VOICE, "--wav", "out.wav", "--device", "none", "--stats");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        assertThat(c.out()).isEmpty();
        long expected = 2 * (long) (0.2 * 22_050);
        try (PiperVoice voice = PiperVoice.open(models.resolve(VOICE + ".onnx"), new VoiceOptions(null, 1, 0.0, 0.0),
                OnnxOptions.cpu(1))) {
            for (String s : new String[] {"Hello world.", "How are you today?", "Fine, thanks."}) {
                expected += voice.synthesize(s).length();
            }
        }
        try (AudioInputStream wav = AudioSystem.getAudioInputStream(dir.resolve("out.wav").toFile())) {
            assertThat(wav.getFormat().getSampleRate()).isEqualTo(22_050f);
            assertThat(wav.getFrameLength()).isEqualTo(expected);
        }
        assertThat(c.err()).contains("spoken     3 sentences");
        // --no-translate: no translation rows, and no row of NaNs for a stage nothing reached
        assertThat(c.err()).doesNotContain("translat").doesNotContain("NaN");
    }

    @Test
    void aSentenceIsSpokenInClausePiecesUnlessVoiceChunkIsOff() throws Exception {
        String sentence = "When the build has finished on every platform, we can merge the pull request and tag the release.";
        String input = "{\"content\":[{\"type\":\"text\",\"text\":\"" + sentence + "\"}]}\n";
        Files.writeString(dir.resolve("whole.yaml"), "voice:\n  noise_scale: 0\n  noise_w: 0\n  chunk: false\n");
        Cli pieces = Cli.run(dir, input, "--config", "quiet.yaml", "--models-dir", "models", "--no-translate",
                "--voice", VOICE, "--wav", "pieces.wav", "--device", "none", "--stats");
        Cli whole = Cli.run(dir, input, "--config", "whole.yaml", "--models-dir", "models", "--no-translate",
                "--voice", VOICE, "--wav", "whole.wav", "--device", "none", "--stats");
        assertThat(pieces.exitCode).as(pieces.err()).isEqualTo(0);
        assertThat(whole.exitCode).as(whole.err()).isEqualTo(0);
        long joined = 0;
        long one;
        try (PiperVoice voice = PiperVoice.open(models.resolve(VOICE + ".onnx"), new VoiceOptions(null, 1, 0.0, 0.0),
                OnnxOptions.cpu(1))) {
            one = voice.synthesize(sentence).length();
            List<String> parts = new ClauseSplitter().pieces(sentence);
            assertThat(parts).hasSize(2);
            PieceJoiner joiner = new PieceJoiner(voice.sampleRate(), 5);
            for (int i = 0; i < parts.size(); i++) {
                joined += joiner.add(voice.synthesize(parts.get(i)), i == parts.size() - 1).length();
            }
        }
        try (AudioInputStream wav = AudioSystem.getAudioInputStream(dir.resolve("pieces.wav").toFile())) {
            assertThat(wav.getFrameLength()).isEqualTo(joined);
        }
        try (AudioInputStream wav = AudioSystem.getAudioInputStream(dir.resolve("whole.wav").toFile())) {
            assertThat(wav.getFrameLength()).isEqualTo(one);
        }
        assertThat(pieces.err()).contains("spoken     1 sentences").contains("synthesize first piece");
        assertThat(whole.err()).contains("spoken     1 sentences").doesNotContain("first piece");
    }

    @Test
    void speedChangesTheVoicesOwnRate() throws Exception {
        String input = "{\"content\":[{\"type\":\"text\",\"text\":\"Hello world. How are you today?\"}]}\n";
        Cli c = Cli.run(dir, input, "--config", "quiet.yaml", "--models-dir", "models", "--no-translate",
                "--voice", VOICE, "--wav", "fast.wav", "--device", "none", "--speed", "2");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        long normal = 0;
        long fast = (long) (0.2 * 22_050);
        try (PiperVoice one = PiperVoice.open(models.resolve(VOICE + ".onnx"), new VoiceOptions(null, 1, 0.0, 0.0),
                OnnxOptions.cpu(1));
             PiperVoice two = PiperVoice.open(models.resolve(VOICE + ".onnx"), new VoiceOptions(null, 2, 0.0, 0.0),
                     OnnxOptions.cpu(1))) {
            for (String s : new String[] {"Hello world.", "How are you today?"}) {
                normal += one.synthesize(s).length();
                fast += two.synthesize(s).length();
            }
        }
        try (AudioInputStream wav = AudioSystem.getAudioInputStream(dir.resolve("fast.wav").toFile())) {
            assertThat(wav.getFrameLength()).isEqualTo(fast);
        }
        // clearly shorter (the tiny model's random durations do not halve exactly)
        assertThat((double) (fast - (long) (0.2 * 22_050)) / normal).isLessThan(0.8);
        Cli bad = Cli.run(dir, input, "--models-dir", "models", "--no-translate", "--voice", VOICE, "--speed", "9");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err()).contains("--speed");
    }

    @Test
    void anUnwritableWavPathIsAStartUpError() throws Exception {
        Cli c = Cli.run(dir, "{\"content\":[{\"type\":\"text\",\"text\":\"Hi.\"}]}\n", "--models-dir", "models",
                "--no-translate", "--voice", VOICE, "--device", "none", "--wav", "/proc/no-such-dir/x.wav");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err().strip()).isEqualTo("stream-tts: --wav /proc/no-such-dir/x.wav: cannot create the file: "
                + "the folder /proc/no-such-dir does not exist");
        // said before any model is looked for, let alone downloaded: none is installed here
        Files.writeString(dir.resolve("offline.yaml"), "models:\n  auto_download: false\n");
        Cli first = Cli.run(dir, "", "--config", "offline.yaml", "--models-dir", "empty-models", "--wav",
                "/proc/no-such-dir/x.wav");
        assertThat(first.exitCode).isEqualTo(2);
        assertThat(first.err()).contains("the folder /proc/no-such-dir does not exist").doesNotContain("missing models");
    }

    @Test
    void aWavThatCannotBeAFileIsRefusedClearly() throws Exception {
        String input = "{\"content\":[{\"type\":\"text\",\"text\":\"Hi.\"}]}\n";
        Cli dash = Cli.run(dir, input, "--models-dir", "models", "--no-translate", "--voice", VOICE, "--wav", "-");
        assertThat(dash.exitCode).isEqualTo(2);
        assertThat(dash.err()).contains("--wav -: a WAV file cannot go to stdout");
        assertThat(Files.exists(dir.resolve("-"))).isFalse();
        Cli empty = Cli.run(dir, input, "--models-dir", "models", "--no-translate", "--voice", VOICE, "--wav", "");
        assertThat(empty.exitCode).isEqualTo(2);
        assertThat(empty.err()).contains("--wav needs a file name");
        Cli device = Cli.run(dir, input, "--models-dir", "models", "--no-translate", "--voice", VOICE, "--wav",
                "/dev/null");
        assertThat(device.exitCode).isEqualTo(2);
        assertThat(device.err()).contains("--wav /dev/null: not a regular file");
    }

    @Test
    void aVoiceOrADeviceNobodyCanProvideIsSaidBeforeAnyDownload() {
        // auto_download stays on: had it started downloading, there would be a network error instead
        Cli nosuch = Cli.run(dir, "", "--models-dir", "no-models", "--voice", "nosuch");
        assertThat(nosuch.exitCode).isEqualTo(2);
        assertThat(nosuch.err().strip()).startsWith("stream-tts: voice 'nosuch' is not installed")
                .contains("cannot be downloaded either").contains("de_DE-thorsten-medium")
                .doesNotContain("downloading");
        Cli device = Cli.run(dir, "", "--models-dir", "no-models", "--device", "no-such-device-anywhere");
        assertThat(device.exitCode).isEqualTo(2);
        assertThat(device.err().strip()).startsWith("stream-tts: --device: no sound device matches "
                + "'no-such-device-anywhere'").doesNotContain("downloading");
        Cli korean = Cli.run(dir, "", "--models-dir", "no-models", "--target-lang", "kor_Hang");
        assertThat(korean.exitCode).isEqualTo(2);
        assertThat(korean.err().strip()).startsWith("stream-tts: no voice speaks Korean (kor_Hang)")
                .doesNotContain("downloading");
    }

    @Test
    void aBrokenVoiceConfigIsNamedNotTakenForAMissingVoice() throws Exception {
        Files.writeString(models.resolve(VOICE + ".onnx.json"), "");
        Cli c = Cli.run(dir, "", "--models-dir", "models", "--no-translate", "--voice", VOICE);
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err().strip()).startsWith("stream-tts: voice '" + VOICE + "' is broken: ")
                .contains(VOICE + ".onnx.json").contains("models download " + VOICE).doesNotContain("not installed");
    }

    @Test
    void voicesListsTheInstalledVoice() {
        Cli c = Cli.run(dir, "", "voices", "--models-dir", "models");
        assertThat(c.exitCode).isEqualTo(0);
        assertThat(c.out()).contains(VOICE).contains("piper").contains("en").contains("22050 Hz");
    }

    @Test
    void anUnknownVoiceOrAMissingDefaultIsAOneLineErrorBeforeReading() throws Exception {
        Cli c = Cli.run(dir, "", "--models-dir", "models", "--no-translate", "--voice", "nobody");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err().strip()).startsWith("stream-tts: voice 'nobody' is not installed").contains(VOICE)
                .doesNotContain("\n");
        // No network in tests: the missing default voice is named with the command that fetches it.
        Files.writeString(dir.resolve("offline.yaml"), "models:\n  auto_download: false\n");
        Cli german = Cli.run(dir, "", "--config", "offline.yaml", "--models-dir", "models", "--no-translate",
                "--source-lang", "deu_Latn");
        assertThat(german.exitCode).isEqualTo(2);
        assertThat(german.err().strip()).isEqualTo("stream-tts: missing models: de_DE-thorsten-medium (63 MB); run "
                + "'stream-tts models download de_DE-thorsten-medium' (or set models.auto_download: true)"
                + " (run 'stream-tts doctor' for a full check)");
        // A default that no manifest knows: the error says which language lacks a voice.
        Files.writeString(dir.resolve("own.yaml"), "voice:\n  defaults:\n    deu_Latn: de_DE-own-voice\n");
        Cli own = Cli.run(dir, "", "--config", "own.yaml", "--models-dir", "models", "--no-translate",
                "--source-lang", "deu_Latn");
        assertThat(own.exitCode).isEqualTo(2);
        assertThat(own.err()).contains("a voice for German (deu_Latn), such as de_DE-own-voice,");
    }

    @Test
    void autoPicksTheDefaultVoiceOfTheSpokenLanguage() throws Exception {
        Files.writeString(dir.resolve("en.yaml"), "voice:\n  defaults:\n    eng_Latn: " + VOICE + "\n");
        Cli c = Cli.run(dir, "{\"content\":[{\"type\":\"text\",\"text\":\"Hi there.\"}]}\n", "--config", "en.yaml",
                "--models-dir", "models", "--no-translate", "--wav", "auto.wav", "--device", "none");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        assertThat(Files.size(dir.resolve("auto.wav"))).isGreaterThan(44);
    }

    @Test
    void passthroughCopiesTheStreamWhileSpeaking() {
        String input = "noise line\n{\"content\":[{\"type\":\"text\",\"text\":\"Spoken and passed on.\"}]}\n";
        Cli c = Cli.run(dir, input, "--config", "quiet.yaml", "--models-dir", "models", "--no-translate", "--voice", VOICE,
                "--device", "none", "--passthrough", "--wav", "p.wav");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        assertThat(c.out()).isEqualTo(input);
    }
}
