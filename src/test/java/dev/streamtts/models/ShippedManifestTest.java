package dev.streamtts.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.cli.config.ConfigKeys;
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
        ModelEntry kokoro = ModelManifest.read(Path.of("models/manifest.yaml")).find("kokoro-82m").orElseThrow();
        assertThat(kokoro.files()).filteredOn(f -> f.url().getPath().contains("/releases/download/"))
                .extracting(ModelFile::path).containsExactlyInAnyOrder("kokoro-v1.0.int8.onnx", "voices-v1.0.bin");
        assertThat(kokoro.files()).allSatisfy(f -> assertThat(f.pinned()).as(f.path())
                .isEqualTo(!f.url().getPath().contains("/releases/download/")));
        assertThat(ModelManifest.builtIn().find("kokoro-82m").orElseThrow().files())
                .filteredOn(f -> !f.pinned()).hasSize(2); // the jar's copy too
    }

    @Test
    void theDefaultTranslatorAndEveryDefaultVoiceCanBeDownloaded() throws Exception {
        ModelManifest m = ModelManifest.read(Path.of("models/manifest.yaml"));
        assertThat(m.providing("translator:" + ConfigKeys.TRANSLATE_MODEL.defaultValue() + ":int8")).isPresent();
        for (String voice : ConfigKeys.VOICE_DEFAULTS.defaults().values()) {
            assertThat(m.providing("voice:" + voice)).as(voice).isPresent();
        }
    }
}
