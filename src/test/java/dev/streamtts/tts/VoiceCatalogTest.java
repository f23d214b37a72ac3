package dev.streamtts.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class VoiceCatalogTest {
    static final Path FIXTURES = Path.of("src/test/resources/models");

    @TempDir
    Path dir;

    /** Voice folders linked into the models folder count as installed; a link loop is passed over. */
    @Test
    @Timeout(20)
    void voicesInLinkedFoldersAreFoundAndALinkLoopIsSkipped() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        TestFiles.copy(FIXTURES.resolve("kokoro"), elsewhere.resolve("kokoro"));
        Path piper = Files.createDirectories(elsewhere.resolve("piper"));
        for (String f : new String[] {"en_US-tiny_1spk-x_low.onnx", "en_US-tiny_1spk-x_low.onnx.json"}) {
            Files.copy(FIXTURES.resolve("piper").resolve(f), piper.resolve(f));
        }
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.createSymbolicLink(models.resolve("kokoro-82m"), elsewhere.resolve("kokoro"));
        Files.createSymbolicLink(models.resolve("piper"), piper);
        Files.createSymbolicLink(models.resolve("loop"), models); // models/loop/loop/... forever

        VoiceCatalog catalog = VoiceCatalog.scan(models);
        assertThat(catalog.find("jf_alpha")).get().extracting(VoiceCatalog.Entry::kind).isEqualTo(VoiceCatalog.Kind.KOKORO);
        assertThat(catalog.find("en_US-tiny_1spk-x_low")).isPresent();
        assertThat(catalog.entries().stream().filter(e -> e.name().equals("jf_alpha")).count()).isEqualTo(1);
    }
}
