package dev.streamtts.models;

import java.util.List;

/**
 * An installable model as the manifest describes it.
 *
 * @param dir      its folder under the models folder (several entries may share one, e.g. fp32 and int8)
 * @param provides what it makes available: {@code voice:NAME} or {@code translator:MODEL:PRECISION}
 */
public record ModelEntry(String name, String description, String licence, String dir, List<String> provides,
                         List<ModelFile> files) {
    public ModelEntry {
        provides = List.copyOf(provides);
        files = List.copyOf(files);
    }

    /** Bytes to download, as far as the manifest knows. */
    public long knownSize() {
        return files.stream().mapToLong(f -> f.size() == null ? 0 : f.size()).sum();
    }

    /** True when some file has no published size: the whole is larger than {@link #knownSize()}. */
    public boolean sizeIncomplete() {
        return files.stream().anyMatch(f -> f.size() == null);
    }

    public boolean provides(String what) {
        return provides.contains(what);
    }
}
