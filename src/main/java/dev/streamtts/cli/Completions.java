package dev.streamtts.cli;

import dev.streamtts.models.ModelEntry;
import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbLanguages;
import dev.streamtts.tts.VoiceCatalog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * What shell completion offers (picocli asks these when {@code generate-completion} writes the script,
 * so the voice names are those of that moment).
 */
final class Completions {
    private Completions() {
    }

    /** The 202 NLLB language codes. */
    static final class Languages implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return NllbLanguages.all().stream().map(LanguageCode::code).iterator();
        }
    }

    /**
     * "auto", the voices installed in the configured models folder and those the manifest can download.
     * Completion must never fail: a config or models folder that cannot be read offers what is left.
     */
    static final class Voices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            TreeSet<String> names = new TreeSet<>();
            try {
                Components components = new Components(Env.system(), ConfigOptions.fromFiles(Env.system()).config());
                for (VoiceCatalog.Entry e : components.voices().entries()) {
                    names.add(e.name());
                }
                for (ModelEntry e : components.modelStore().manifest().entries()) {
                    for (String p : e.provides()) {
                        if (p.startsWith("voice:")) {
                            names.add(p.substring("voice:".length()));
                        }
                    }
                }
            } catch (Exception | LinkageError e) {
                // offer what was found
            }
            List<String> out = new ArrayList<>(List.of("auto"));
            out.addAll(names);
            return out.iterator();
        }
    }
}
