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
                if (f.sha256() != null) {
                    assertThat(f.sha256()).matches("[0-9a-f]{64}");
                }
            }
        }
        assertThat(ModelManifest.builtIn().entries()).hasSameSizeAs(m.entries()); // the jar carries the same list
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
