package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamtts.audio.AudioDevices;
import dev.streamtts.audio.NoDeviceException;
import dev.streamtts.audio.SpeakerSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Faults a user meets, on the real program in its own process: full disks, broken or swapped models. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(120)
class FaultsTest {
    static final String VOICE = SpeechEndToEndTest.VOICE;

    @TempDir
    Path dir;
    Path models;

    @BeforeEach
    void install() throws IOException {
        models = SpeechEndToEndTest.installPiperVoice(dir);
        Files.writeString(dir.resolve("c.yaml"), "models:\n  auto_download: false\n");
    }

    record Run(int exit, String out, String err) {
        long lines(String part) {
            return err.lines().filter(l -> l.contains(part)).count();
        }
    }

    /** Runs the program through bash (for ulimit), feeding {@code input}, and waits for it. */
    Run run(String shellPrefix, String input, String... args) throws Exception {
        List<String> java = Processes.command(List.of(args));
        StringBuilder cmd = new StringBuilder(shellPrefix).append(" exec");
        for (String a : java) {
            cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        Process p = new ProcessBuilder("bash", "-c", cmd.toString()).directory(dir.toFile()).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = Processes.drain(p.getInputStream(), out);
        Thread e = Processes.drain(p.getErrorStream(), err);
        try (var stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // it may have stopped at start-up
        }
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the program did not end").isTrue();
        Processes.awaitDrained(o, e);
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String sentences(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("{\"content\":[{\"type\":\"text\",\"text\":\"This is sentence number ").append(i).append(".\"}]}\n");
        }
        return sb.toString();
    }

    static int spoken(String err) {
        return err.lines().filter(l -> l.contains("spoken ")).findFirst()
                .map(l -> Integer.parseInt(l.replaceAll(".*spoken +(\\d+) sentences.*", "$1"))).orElse(-1);
    }

    /** A 64 KiB file system (about 1.5 s of speech), mounted for the test: needs root (CI runs as root). */
    Path smallDisk() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String why = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mount.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assumeTrue(mount.exitValue() == 0, "a small file system cannot be mounted here (needs root): " + why);
        return disk;
    }

    static void unmount(Path disk) throws Exception {
        new ProcessBuilder("umount", disk.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskStopsTheWavOnceWithAValidFileAndTheSpeakerGoesOn() throws Exception {
        assumeTrue(!AudioDevices.playbackDevices().isEmpty(), "no sound device here (CI has a null sink)");
        try {
            SpeakerSink.open(null, 22_050, 100).close();
        } catch (NoDeviceException e) {
            assumeTrue(false, "the sound device cannot be opened here: " + e.getMessage());
        }
        Path disk = smallDisk();
        try {
            Run r = run("", sentences(3), "--config", "c.yaml", "--models-dir", "models", "--no-translate",
                    "--voice", VOICE, "--wav", disk.resolve("full.wav").toString(), "--stats");
            assertThat(r.lines("full.wav stopped: cannot write")).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("the other output goes on").doesNotContain("could not play");
            // the first sentence fits the 64 KiB disk, the second does not: the speaker still hears all three
            assertThat(spoken(r.err())).as(r.err()).isEqualTo(3);
            SignalsTest.assertValidWav(disk.resolve("full.wav"), "full.wav");
            assertThat(Files.size(disk.resolve("full.wav"))).isGreaterThan(44).isLessThanOrEqualTo(64 * 1024);
            assertThat(r.exit()).as("an output failed").isEqualTo(1);
        } finally {
            unmount(disk);
        }
    }

    @Test
    void aFullDiskWithNoOtherOutputSaysSoOnceAndExitsOne() throws Exception {
        Path disk = smallDisk();
        try {
            Run r = run("", sentences(40), "--config", "c.yaml", "--models-dir", "models", "--no-translate",
                    "--voice", VOICE, "--wav", disk.resolve("full.wav").toString(), "--device", "none", "--stats");
            assertThat(r.lines("full.wav stopped: cannot write")).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("nothing is left to play or record on");
            assertThat(r.lines("could not play")).as(r.err()).isBetween(1L, 3L); // first, at 10, and the total
            assertThat(r.lines("WARN") + r.lines("ERROR")).as(r.err()).isLessThanOrEqualTo(5);
            SignalsTest.assertValidWav(disk.resolve("full.wav"), "full.wav");
            assertThat(r.exit()).isEqualTo(1);
        } finally {
            unmount(disk);
        }
    }

    @Test
    void aVoiceFileSwappedForAnotherModelIsAStartUpErrorNamingIt() throws Exception {
        Files.copy(Path.of("src/test/resources/models/nllb-tiny/encoder_model.onnx"), models.resolve(VOICE + ".onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run r = run("", sentences(3), "--config", "c.yaml", "--models-dir", "models", "--no-translate", "--voice", VOICE,
                "--device", "none");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines().filter(l -> l.startsWith("stream-tts:")).toList()).singleElement()
                .asString().contains(VOICE + ".onnx: this file is not the Piper voice").contains("[attention_mask, input_ids]");
    }

    @Test
    void aModelThatFailsOnEverySentenceGivesAFewLinesAndExitsOne() throws Exception {
        // A config from another voice (a larger symbol table): ids beyond this model's table fail every run.
        Path config = models.resolve(VOICE + ".onnx.json");
        String json = Files.readString(config).replaceAll("(\"[^\"_^$]\": \\[\\s*)(\\d+)(\\s*\\])", "$17777$3");
        json = json.replaceAll("\"num_symbols\": \\d+", "\"num_symbols\": 10000");
        assertThat(json).contains("7777").contains("10000");
        Files.writeString(config, json);
        Run r = run("", sentences(60), "--config", "c.yaml", "--models-dir", "models", "--no-translate", "--voice", VOICE,
                "--wav", "none.wav", "--device", "none", "--stats");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.lines("could not speak")).as(r.err()).isBetween(2L, 3L); // first, at 10, and "60 in all"
        assertThat(r.err()).contains("could not speak 60 sentences in all")
                .contains("nothing could be spoken: 60 of 60 sentences failed");
        assertThat(spoken(r.err())).isZero();
    }

    @Test
    void verboseSaysWhichSentenceIsPlaying() throws Exception {
        Run r = run("", sentences(2), "--config", "c.yaml", "--models-dir", "models", "--no-translate", "--voice", VOICE,
                "--wav", "v.wav", "--device", "none", "-v");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("playing sentence 1: This is sentence number 1.")
                .contains("playing sentence 2: This is sentence number 2.");
    }

    @Test
    void statsAfterCtrlCCountWhatWasHeardAndArePrintedWhole() throws Exception {
        Files.writeString(dir.resolve("quiet.yaml"), "voice:\n  noise_scale: 0\n  noise_w: 0\nmodels:\n  auto_download: false\n");
        List<String> args = new ArrayList<>(Arrays.asList("--config", "quiet.yaml", "--models-dir", "models",
                "--no-translate", "--voice", VOICE, "--wav", "cut.wav", "--device", "none", "--stats"));
        Process p = Processes.startMain(dir, args);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread e = Processes.drain(p.getErrorStream(), err);
        p.getOutputStream().write(sentences(500).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        Path wav = dir.resolve("cut.wav");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(wav) || Files.size(wav) < 200_000) {
            assertThat(System.currentTimeMillis()).as("no speech in 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        Processes.signal(p, "INT");
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Processes.awaitDrained(e);
        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log).isEqualTo(130);
        assertThat(log).doesNotContain("Exception");
        String stats = log.substring(log.indexOf("stream-tts stats"));
        assertThat(stats).contains("last input char → first sample");
        int spoken = spoken(stats);
        double seconds = Double.parseDouble(stats.replaceAll("(?s).*sentences, ([0-9.]+) s of audio.*", "$1"));
        SignalsTest.assertValidWav(wav, "cut.wav");
        double inWav = (Files.size(wav) - 44) / 2.0 / 22_050 - (spoken - 1) * 0.2; // less the pauses
        assertThat(seconds).as(stats).isCloseTo(inWav, org.assertj.core.data.Offset.offset(0.06));
    }
}
