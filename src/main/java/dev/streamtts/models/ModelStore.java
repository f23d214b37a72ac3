package dev.streamtts.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models folder as the manifest describes it: what is installed, what is missing, what is intact. */
public final class ModelStore {
    private final Path modelsDir;
    private final ModelManifest manifest;

    public ModelStore(Path modelsDir, ModelManifest manifest) {
        this.modelsDir = modelsDir;
        this.manifest = manifest;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public Path modelsDir() {
        return modelsDir;
    }

    public Path dirOf(ModelEntry entry) {
        return modelsDir.resolve(entry.dir());
    }

    public Path pathOf(ModelEntry entry, ModelFile file) {
        return dirOf(entry).resolve(file.path());
    }

    /** Every file is there with the listed size (checksums are for {@link #verify}: they take time). */
    public boolean installed(ModelEntry entry) {
        for (ModelFile f : entry.files()) {
            Path p = pathOf(entry, f);
            try {
                if (!Files.isRegularFile(p)
                        || (f.size() != null && Files.size(p) != f.size() && !Verifier.smallTextFile(f))) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** At least one of its files is there (worth checking when no model is named). */
    public boolean verifyWorthy(ModelEntry entry) {
        // Files another entry also has (the fp32 and int8 translators share their configs and tokenizer)
        // say nothing about whether this entry was installed: only its own files do.
        java.util.Set<Path> shared = new java.util.HashSet<>();
        for (ModelEntry other : manifest.entries()) {
            if (other != entry) {
                other.files().forEach(f -> shared.add(pathOf(other, f).toAbsolutePath().normalize()));
            }
        }
        List<ModelFile> own = entry.files().stream()
                .filter(f -> !shared.contains(pathOf(entry, f).toAbsolutePath().normalize())).toList();
        List<ModelFile> judged = own.isEmpty() ? entry.files() : own;
        return judged.stream().anyMatch(f -> Files.exists(pathOf(entry, f)));
    }

    /** Bytes still to download for an entry, as far as the manifest knows. */
    public long missingBytes(ModelEntry entry) {
        long n = 0;
        for (ModelFile f : entry.files()) {
            Path p = pathOf(entry, f);
            if (!Files.isRegularFile(p) && f.size() != null) {
                n += f.size();
            }
        }
        return n;
    }

    public Map<ModelFile, Verifier.Status> verify(ModelEntry entry) throws IOException {
        Map<ModelFile, Verifier.Status> out = new LinkedHashMap<>();
        for (ModelFile f : entry.files()) {
            out.put(f, Verifier.check(f, pathOf(entry, f)));
        }
        return out;
    }

    /** Downloads what is missing of an entry. Returns the files it downloaded. */
    public List<ModelFile> install(ModelEntry entry, Downloader downloader) throws DownloadException {
        List<ModelFile> fetched = new ArrayList<>();
        for (ModelFile f : entry.files()) {
            if (downloader.fetch(f, pathOf(entry, f))) {
                fetched.add(f);
            }
        }
        return fetched;
    }
}
