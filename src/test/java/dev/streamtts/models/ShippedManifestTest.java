package dev.streamtts.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.cli.config.Config;
import dev.streamtts.cli.config.ConfigFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** models/manifest.yaml, as shipped: well formed, pinned, and covering what the defaults need. */
class ShippedManifestTest {

    @Test
    void everyFileIsPinnedAndChecksumsLookLikeChecksums() throws Exception {
        ModelManifest m = ModelManifest.read(Path.of("models/manifest.yaml"));
        assertThat(m.entries()).isNotEmpty();
        for (ModelEntry e : m.entries()) {
            assertThat(e.licence()).as(e.name()).isNotBlank();
            for (ModelFile f : e.files()) {
                assertThat(f.url().getScheme()).as(f.path()).isEqualTo("https");
                assertThat(f.url().toString()).as(f.path()).doesNotContain("/resolve/main/");
                if (f.pinned()) {
                    // what the manifest's comment promises: a revision in the URL
                    assertThat(f.url().getPath()).as(f.path() + " is marked pinned").containsPattern("/resolve/[0-9a-f]{40}/");
                } else {
                    // a URL the publisher can re-point is only ever accepted by its digest
                    assertThat(f.sha256()).as(f.path() + " is not pinned: it needs a sha256").isNotNull();
                }
                if (f.sha256() != null) {
                    assertThat(f.sha256()).matches("[0-9a-f]{64}");
                }
            }
        }
        assertThat(ModelManifest.builtIn().entries()).hasSameSizeAs(m.entries()); // the jar carries the same list
    }

    @Test
    void kokorosReleaseAssetsAreMarkedNotPinned() throws Exception {
        ModelManifest m = ModelManifest.read(Path.of("models/manifest.yaml"));
        for (String name : new String[] {"kokoro-82m", "kokoro-82m-int8"}) {
            ModelEntry kokoro = m.find(name).orElseThrow();
            assertThat(kokoro.files()).allSatisfy(f -> assertThat(f.pinned()).as(f.path())
                    .isEqualTo(!f.url().getPath().contains("/releases/download/")));
            assertThat(ModelManifest.builtIn().find(name).orElseThrow().files())
                    .filteredOn(f -> !f.pinned()).hasSize(2); // the jar's copy too
        }
        assertThat(m.find("kokoro-82m").orElseThrow().files()).filteredOn(f -> !f.pinned())
                .extracting(ModelFile::path).containsExactlyInAnyOrder("kokoro-v1.0.onnx", "voices-v1.0.bin");
        assertThat(m.find("kokoro-82m-int8").orElseThrow().files()).filteredOn(f -> !f.pinned())
                .extracting(ModelFile::path).containsExactlyInAnyOrder("kokoro-v1.0.int8.onnx", "voices-v1.0.bin");
    }

    /** fp32 is the default Kokoro download (faster on a CPU); the int8 entry shares its folder and voices. */
    @Test
    void theDefaultKokoroDownloadIsFp32AndInt8IsTheSmallerChoice() throws Exception {
        ModelManifest m = ModelManifest.read(Path.of("models/manifest.yaml"));
        assertThat(m.providing("voice:jf_alpha").orElseThrow().name()).isEqualTo("kokoro-82m");
        ModelEntry int8 = m.find("kokoro-82m-int8").orElseThrow();
        assertThat(int8.dir()).isEqualTo(m.find("kokoro-82m").orElseThrow().dir());
    }

    @Test
    void theDefaultTranslatorAndEveryDefaultVoiceCanBeDownloaded() throws Exception {
        ModelManifest m = ModelManifest.read(Path.of("models/manifest.yaml"));
        Config defaults = ConfigFiles.defaults();
        assertThat(m.providing("translator:" + defaults.translate().model() + ":int8")).isPresent();
        for (String voice : defaults.voice().defaults().values()) {
            assertThat(m.providing("voice:" + voice)).as(voice).isPresent();
        }
    }
}
