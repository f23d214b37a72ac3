package dev.streamtts.tts;

import dev.streamtts.models.ModelException;
import dev.streamtts.tts.kokoro.KokoroFiles;
import dev.streamtts.tts.kokoro.KokoroModel;
import dev.streamtts.tts.piper.PiperConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The voices installed under the models folder, found by their files. */
public final class VoiceCatalog {
    /** What kind of model speaks. */
    public enum Kind { PIPER, KOKORO }

    /**
     * An installed voice.
     *
     * @param language ISO 639-1 language it speaks ("en", "ja")
     * @param model    the ONNX file that runs it
     * @param data     the voice's own data file (Kokoro style vectors), or null
     */
    public record Entry(String name, Kind kind, String language, int sampleRate, Path model, Path data) {
    }

    private final List<Entry> entries;
    /** Voices whose files are there but whose config cannot be read: name → what is wrong. */
    private final Map<String, String> broken;

    private VoiceCatalog(List<Entry> entries, Map<String, String> broken) {
        this.entries = List.copyOf(entries);
        this.broken = Map.copyOf(broken);
    }

    /**
     * Every voice under {@code modelsDir}: Piper {@code NAME.onnx} + {@code NAME.onnx.json} pairs, and the
     * voices of each Kokoro model folder (a {@code config.json} with a vocabulary, an export, voice files).
     */
    public static VoiceCatalog scan(Path modelsDir) {
        List<Entry> found = new ArrayList<>();
        Map<String, String> broken = new HashMap<>();
        if (!Files.isDirectory(modelsDir)) {
            return new VoiceCatalog(found, broken);
        }
        List<Path> configs = new ArrayList<>();
        try {
            // Links are followed (a voice folder linked in from elsewhere is installed); a loop is skipped.
            Files.walkFileTree(modelsDir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 6,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (file.getFileName().toString().endsWith(".json")) {
                                configs.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configs.stream().sorted().forEach(json -> {
            if (json.getFileName().toString().equals("config.json")) {
                kokoro(json, found, broken);
                return;
            }
            if (!json.getFileName().toString().endsWith(".onnx.json")) {
                return;
            }
            Path model = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ""));
            if (!Files.isRegularFile(model)) {
                return;
            }
            try {
                PiperConfig c = PiperConfig.read(json);
                String name = model.getFileName().toString().replaceFirst("\\.onnx$", "");
                found.add(new Entry(name, Kind.PIPER, languageOf(c.language()), c.sampleRate(), model, null));
            } catch (ModelException e) {
                // the model is there but its config cannot be read: not listed, but said when asked for
                broken.put(model.getFileName().toString().replaceFirst("\\.onnx$", ""), e.getMessage());
            }
        });
        found.sort(Comparator.comparing(Entry::name));
        return new VoiceCatalog(found, broken);
    }

    private static void kokoro(Path config, List<Entry> found, Map<String, String> broken) {
        Optional<String> problem = KokoroFiles.brokenConfig(config);
        if (problem.isPresent()) {
            // voice files without a usable config: not listed, but said when one of them is asked for
            try {
                KokoroFiles.voices(config).forEach(v -> broken.put(v.name(), problem.get()));
            } catch (IOException e) {
                // an unreadable folder: nothing to name
            }
            return;
        }
        if (!KokoroFiles.isKokoroConfig(config)) {
            return;
        }
        try {
            for (KokoroFiles.VoiceFile v : KokoroFiles.voices(config)) {
                found.add(new Entry(v.name(), Kind.KOKORO, KokoroFiles.language(v.name()), KokoroModel.SAMPLE_RATE,
                        v.model(), v.file()));
            }
        } catch (IOException e) {
            // an unreadable folder: its voices are not listed
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** What is wrong with a voice whose files are there but cannot be read, if that is the case. */
    public Optional<String> broken(String name) {
        return Optional.ofNullable(broken.get(name));
    }

    public Optional<Entry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Some installed voice that speaks the language (ISO 639-1). */
    public Optional<Entry> anyFor(String language) {
        return entries.stream().filter(e -> e.language().equals(language)).findFirst();
    }

    /** "en_US" → "en"; "de" → "de". */
    static String languageOf(String code) {
        String s = code == null ? "" : code.toLowerCase(Locale.ROOT);
        int cut = s.indexOf('_') >= 0 ? s.indexOf('_') : s.indexOf('-');
        return cut > 0 ? s.substring(0, cut) : s;
    }
}
