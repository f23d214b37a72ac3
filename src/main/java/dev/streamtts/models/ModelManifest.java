package dev.streamtts.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** The list of models stream-tts can install ({@code models/manifest.yaml}). */
public final class ModelManifest {
    private final List<ModelEntry> entries;
    private final String source;

    public ModelManifest(List<ModelEntry> entries) {
        this(entries, "(in memory)");
    }

    private ModelManifest(List<ModelEntry> entries, String source) {
        this.entries = List.copyOf(entries);
        this.source = source;
    }

    /** The manifest shipped in the jar (a copy of the repository's models/manifest.yaml). */
    public static ModelManifest builtIn() throws ModelException {
        try (InputStream in = ModelManifest.class.getResourceAsStream("/models/manifest.yaml")) {
            if (in == null) {
                throw new ModelException("the built-in model manifest is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in manifest.yaml");
        } catch (IOException e) {
            throw new ModelException("the built-in model manifest cannot be read: " + e.getMessage(), e);
        }
    }

    public static ModelManifest read(Path file) throws ModelException {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    static ModelManifest parse(String yaml, String source) throws ModelException {
        Object root;
        try (Reader r = new StringReader(yaml)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (YAMLException | IOException e) {
            throw new ModelException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("models") instanceof List<?> list)) {
            throw new ModelException(source + ": expected a 'models:' list");
        }
        List<ModelEntry> entries = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new ModelException(source + ": every model must be a mapping");
            }
            String name = string(m, "name", source, null);
            List<ModelFile> files = new ArrayList<>();
            if (!(m.get("files") instanceof List<?> fileList) || fileList.isEmpty()) {
                throw new ModelException(source + ": model " + name + " lists no files");
            }
            for (Object f : fileList) {
                Map<String, Object> fm = (Map<String, Object>) f;
                try {
                    files.add(new ModelFile(string(fm, "path", source, name), URI.create(string(fm, "url", source, name)),
                            fm.get("size") == null ? null : ((Number) fm.get("size")).longValue(),
                            lowerOrNull(fm.get("sha256")), lowerOrNull(fm.get("md5")), pinned(fm, source, name)));
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw new ModelException(source + ": model " + name + ": bad file entry " + f + " (" + e.getMessage() + ")");
                }
            }
            List<String> provides = m.get("provides") instanceof List<?> p ? p.stream().map(String::valueOf).toList() : List.of();
            entries.add(new ModelEntry(name, str(m.get("description")), str(m.get("licence")),
                    m.get("dir") == null ? name : str(m.get("dir")), provides, files));
        }
        return new ModelManifest(entries, source);
    }

    public List<ModelEntry> entries() {
        return entries;
    }

    public String source() {
        return source;
    }

    public Optional<ModelEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The entry that provides {@code what} ({@code voice:jf_alpha}, {@code translator:MODEL:int8}). */
    public Optional<ModelEntry> providing(String what) {
        return entries.stream().filter(e -> e.provides(what)).findFirst();
    }

    private static String string(Map<?, ?> m, String key, String source, String model) throws ModelException {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new ModelException(source + ": " + (model == null ? "a model" : "model " + model) + " has no '" + key + "'");
        }
        return v.toString();
    }

    /** {@code pinned: false} marks a URL the publisher can point at new bytes (a release asset); default true. */
    private static boolean pinned(Map<String, Object> fm, String source, String model) throws ModelException {
        Object v = fm.get("pinned");
        if (v == null) {
            return true;
        }
        if (!(v instanceof Boolean b)) {
            throw new ModelException(source + ": model " + model + ": 'pinned' of " + fm.get("path")
                    + " must be true or false, not " + v);
        }
        return b;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String lowerOrNull(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString().strip().toLowerCase(java.util.Locale.ROOT);
    }
}
