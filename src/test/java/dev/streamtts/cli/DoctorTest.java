package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.TestFiles;
import dev.streamtts.onnx.AutoProvider;
import dev.streamtts.onnx.ExecutionProvider;
import dev.streamtts.onnx.ModelUse;
import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.NllbTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream-tts doctor} on a models folder holding the tiny fixture models (NLLB, Kokoro, a Piper
 * voice), described by a manifest of its own with their real sizes and checksums.
 */
class DoctorTest {
    static final Path MODELS = Path.of("src/test/resources/models");
    static final String VOICE = SpeechEndToEndTest.VOICE;
    static final List<String> NLLB_FILES = List.of("config.json", "tokenizer.json", "encoder_model.onnx",
            "decoder_model_merged.onnx");

    @TempDir
    Path dir;

    @BeforeEach
    void install() throws Exception {
        TestFiles.copy(MODELS.resolve("nllb-tiny"), dir.resolve("models/nllb-tiny"));
        TestFiles.copy(MODELS.resolve("kokoro"), dir.resolve("models/kokoro-tiny"));
        SpeechEndToEndTest.installPiperVoice(dir);
        StringBuilder manifest = new StringBuilder("models:\n");
        entry(manifest, "nllb-tiny", "nllb-tiny", "translator:nllb-tiny:fp32", MODELS.resolve("nllb-tiny"), NLLB_FILES);
        entry(manifest, "tiny-voice", "piper", "voice:" + VOICE, MODELS.resolve("piper"),
                List.of(VOICE + ".onnx", VOICE + ".onnx.json"));
        // not installed, and larger than any disk: the space check must refuse it
        manifest.append("  - name: huge-voice\n    description: t\n    licence: t\n    dir: huge\n")
                .append("    provides: [\"voice:huge\"]\n    files:\n      - path: huge.onnx\n")
                .append("        url: http://127.0.0.1:9/huge.onnx\n        size: 1000000000000000\n");
        Files.writeString(dir.resolve("manifest.yaml"), manifest);
        Files.writeString(dir.resolve("tiny.yaml"), "translate:\n  model: nllb-tiny\n  precision: fp32\n"
                + "models:\n  manifest: manifest.yaml\n");
    }

    private static void entry(StringBuilder manifest, String name, String folder, String provides, Path from,
                              List<String> files) throws Exception {
        manifest.append("  - name: ").append(name).append("\n    description: tiny test model\n    licence: test\n")
                .append("    dir: ").append(folder).append("\n    provides: [\"").append(provides)
                .append("\"]\n    files:\n");
        for (String f : files) {
            byte[] body = Files.readAllBytes(from.resolve(f));
            manifest.append("      - path: ").append(f).append("\n        url: http://127.0.0.1:9/").append(f)
                    .append("\n        size: ").append(body.length).append("\n        sha256: ")
                    .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))).append('\n');
        }
    }

    private Cli doctor(String... args) {
        String[] all = new String[args.length + 5];
        System.arraycopy(new String[] {"doctor", "--config", "tiny.yaml", "--models-dir", "models"}, 0, all, 0, 5);
        System.arraycopy(args, 0, all, 5, args.length);
        return Cli.run(dir, "", all);
    }

    private static AbstractStringAssert<?> assertLine(Cli c, String start) {
        return assertThat(line(c, start));
    }

    private static String line(Cli c, String start) {
        return c.out().lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in:\n" + c.out()));
    }

    @Test
    void everythingInstalledIsOkAndExitsZero() {
        Cli c = doctor("--device", "none");
        assertThat(c.exitCode).as(c.out() + c.err()).isEqualTo(0);
        assertThat(c.out()).doesNotContain("FAIL");
        assertLine(c, "ok    Java ").contains("(needs 17+)");
        assertLine(c, "ok    translator nllb-tiny (fp32): ").contains("nllb-tiny in " + dir.resolve("models/nllb-tiny"))
                .contains("4 files match the manifest (4 by checksum, 0 by size only)");
        // Japanese is spoken, so the default voice for jpn_Jpan: the tiny Kokoro model's jf_alpha
        assertLine(c, "ok    voice jf_alpha (kokoro, ja, 24000 Hz): ").contains("not from the manifest");
        assertLine(c, "ok    disk: nothing to download");
        assertLine(c, "ok    espeak-ng voice en-us (for the English words that voice jf_alpha reads)");
        assertLine(c, "ok    sound device: none (--device)");
        assertLine(c, "ok    provider for translator nllb-tiny: ").contains("onnx.provider auto");
        assertLine(c, "ok    provider for voice jf_alpha: ");
        assertLine(c, "ok    threads: onnx.threads 0");
        List<String> lines = c.out().lines().toList();
        assertThat(lines).allMatch(l -> l.matches("(ok    |warn  |FAIL  )\\S.*") || l.startsWith("stream-tts doctor: "));
        assertThat(lines.get(lines.size() - 1)).startsWith("stream-tts doctor: a run would work");
    }

    @Test
    void aPiperVoiceIsVerifiedAndItsEspeakVoiceChecked() {
        Cli c = doctor("--device", "none", "--no-translate", "--voice", VOICE);
        assertThat(c.exitCode).as(c.out() + c.err()).isEqualTo(0);
        assertLine(c, "ok    translator: off");
        assertLine(c, "ok    voice " + VOICE + " (piper, en, 22050 Hz): tiny-voice in ")
                .contains("2 files match the manifest (2 by checksum");
        assertLine(c, "ok    espeak-ng 1.");
        assertLine(c, "ok    espeak-ng voice en-us (for voice " + VOICE + ")");
    }

    @Test
    void aMissingVoiceFailsAndNamesTheFix() throws IOException {
        Cli unknown = doctor("--device", "none", "--voice", "nobody");
        assertThat(unknown.exitCode).isEqualTo(1);
        assertLine(unknown, "FAIL  voice: voice 'nobody' is not installed").contains("'stream-tts voices'")
                .contains("cannot be downloaded either");
        assertThat(unknown.out().lines().toList()).last().asString().startsWith("stream-tts doctor: a run would not work");

        // A voice of the manifest that is not installed: a run downloads it (a warning), unless it may not.
        for (String f : new String[] {VOICE + ".onnx", VOICE + ".onnx.json"}) {
            Files.delete(dir.resolve("models/piper").resolve(f));
        }
        Cli downloads = doctor("--device", "none", "--no-translate", "--voice", VOICE);
        assertThat(downloads.exitCode).as(downloads.out()).isEqualTo(0);
        assertLine(downloads, "warn  voice " + VOICE + ": not installed; a run downloads tiny-voice")
                .contains("stream-tts models download tiny-voice");
        assertLine(downloads, "ok    disk: 1 MB to download (tiny-voice)");
        Files.writeString(dir.resolve("tiny.yaml"), Files.readString(dir.resolve("tiny.yaml")) + "  auto_download: false\n");
        Cli offline = doctor("--device", "none", "--no-translate", "--voice", VOICE);
        assertThat(offline.exitCode).isEqualTo(1);
        assertLine(offline, "FAIL  voice " + VOICE + ": not installed")
                .contains("models.auto_download is off; run 'stream-tts models download tiny-voice'");
    }

    @Test
    void aCorruptModelFileFailsAndNamesTheFix() throws IOException {
        Path encoder = dir.resolve("models/nllb-tiny/encoder_model.onnx");
        byte[] bytes = Files.readAllBytes(encoder);
        bytes[bytes.length / 2] ^= 1; // same size, other checksum
        Files.write(encoder, bytes);
        Cli flipped = doctor("--device", "none");
        assertThat(flipped.exitCode).isEqualTo(1);
        assertLine(flipped, "FAIL  translator nllb-tiny (fp32): ")
                .contains("encoder_model.onnx CORRUPT").contains("stream-tts models download nllb-tiny");

        Path voice = dir.resolve("models/piper/" + VOICE + ".onnx");
        Files.write(voice, java.util.Arrays.copyOf(Files.readAllBytes(voice), 1000)); // cut short
        Cli truncated = doctor("--device", "none", "--no-translate", "--voice", VOICE);
        assertThat(truncated.exitCode).isEqualTo(1);
        assertLine(truncated, "FAIL  voice " + VOICE).contains(VOICE + ".onnx CORRUPT")
                .contains("stream-tts models download tiny-voice");
    }

    @Test
    void aDownloadTheDiskCannotHoldFails() {
        Cli c = doctor("--device", "none", "--no-translate", "--voice", "huge");
        assertThat(c.exitCode).isEqualTo(1);
        assertLine(c, "warn  voice huge: not installed; a run downloads huge-voice");
        assertLine(c, "FAIL  disk: huge-voice need 1000000.0 GB in " + dir.resolve("models"))
                .contains("free some space, or put the models elsewhere with --models-dir DIR");
    }

    @Test
    void aSoundDeviceThatIsNotThereFails() {
        Cli c = doctor("--device", "no-such-device-anywhere");
        assertThat(c.exitCode).isEqualTo(1);
        assertLine(c, "FAIL  sound device: --device: no sound device matches 'no-such-device-anywhere'")
                .contains("stream-tts devices");
    }

    @Test
    void aBadConfigurationFailsAndTheOtherChecksStillRun() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "onnx:\n  threads: lots\n");
        Cli c = Cli.run(dir, "", "doctor", "--config", "bad.yaml");
        assertThat(c.exitCode).isEqualTo(1);
        assertLine(c, "FAIL  configuration: ").contains("bad.yaml").contains("onnx.threads");
        assertLine(c, "ok    Java ");
        assertThat(c.out()).contains("espeak-ng");
    }

    @Test
    void aRunStoppedByAModelPointsToDoctor() throws IOException {
        Cli unknown = Cli.run(dir, "", "--models-dir", "models", "--no-translate", "--voice", "nobody");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("stream-tts: voice 'nobody' is not installed")
                .endsWith("(run 'stream-tts doctor' for a full check)").doesNotContain("\n");
        Path config = dir.resolve("models/piper/" + VOICE + ".onnx.json");
        Files.writeString(config, "{");
        Cli broken = Cli.run(dir, "", "--models-dir", "models", "--no-translate", "--voice", VOICE);
        assertThat(broken.exitCode).isEqualTo(2);
        assertThat(broken.err().strip()).startsWith("stream-tts: voice '" + VOICE + "' is broken")
                .endsWith("(run 'stream-tts doctor' for a full check)").doesNotContain("\n");
        // the models commands' own errors are not a run's
        assertThat(Cli.run(dir, "", "models", "download", "nope").err()).contains("no model 'nope'")
                .doesNotContain("doctor");
    }

    @Test
    void withAutoOnAppleSiliconEachModelFileHasALineWithItsChoiceAndWhy() throws Exception {
        List<ModelUse> nllb = NllbTranslator.models(dir.resolve("models/nllb-tiny"), NllbFiles.Precision.FP32);
        ModelUse kokoro = new ModelUse("Kokoro model", dir.resolve("models/kokoro-tiny/kokoro-tiny-tokens.onnx"), null);
        List<ConfiguredModels.Part> parts = List.of(new ConfiguredModels.Part("translator nllb-tiny (fp32)", nllb, null),
                new ConfiguredModels.Part("voice jf_alpha", List.of(kokoro), null),
                new ConfiguredModels.Part("voice af_heart", List.of(), "not installed"));
        Function<ModelUse, AutoProvider.Decision> decisions = m -> switch (m.file().getFileName().toString()) {
            case "encoder_model.onnx" -> new AutoProvider.Decision(ExecutionProvider.CPU, "trial pending: CoreML is "
                    + "timed against the CPU in the background during a run", true);
            case "decoder_model_merged.onnx" -> new AutoProvider.Decision(ExecutionProvider.CPU, "672 of its 673 "
                    + "nodes are inside If subgraphs, which CoreML does not take", false);
            default -> new AutoProvider.Decision(ExecutionProvider.COREML, "1.8× faster than the CPU in a trial on this "
                    + "machine on 2026-12-01", false);
        };
        assertThat(DoctorCommand.providerLines(parts, decisions)).containsExactly(
                "provider for NLLB encoder (encoder_model.onnx): CPU: trial pending: CoreML is timed against the CPU "
                        + "in the background during a run",
                "provider for NLLB decoder (decoder_model_merged.onnx): CPU: 672 of its 673 nodes are inside If "
                        + "subgraphs, which CoreML does not take",
                "provider for Kokoro model (kokoro-tiny-tokens.onnx): CoreML: 1.8× faster than the CPU in a trial on "
                        + "this machine on 2026-12-01",
                "provider for voice af_heart: chosen for each of its files once it is installed");
    }

    @Test
    void helpDescribesDoctorAndTheTopLevelHelpListsIt() {
        Cli help = Cli.run(dir, "", "doctor", "--help");
        assertThat(help.exitCode).isEqualTo(0);
        assertThat(help.out()).contains("Usage: stream-tts doctor").contains("Check what a run needs")
                .contains("espeak-ng").contains("execution provider").contains("Downloads nothing")
                .contains("--config").contains("--models-dir").contains("--target-lang").contains("--voice")
                .contains("--device").contains("Exit codes:");
        Cli top = Cli.run(dir, "", "--help");
        assertThat(top.out().lines()).anyMatch(l -> l.strip().startsWith("doctor ") && l.contains("Check what a run needs"));
    }
}
