package dev.streamtts.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers trials chose, one per model file, ONNX Runtime version and machine: a small JSON file
 * ({@value #FILE_NAME}) in the CoreML cache folder, beside the compiled models the same evidence is about
 * (deleting that folder starts both afresh). Without a folder (tests) it is kept in memory for the process.
 * A file that cannot be read is treated as empty, and rewritten by the next trial.
 */
final class RememberedChoices {
    static final String FILE_NAME = "provider-choices.json";
    private static final Logger log = LoggerFactory.getLogger(RememberedChoices.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a trial's result holds for. The model is known by its path, size and modification time, not by
     * a checksum: the key is computed at every start, before the session opens, and hashing a 2 GB model
     * takes seconds; a download or an export writes a new file (a new time, usually a new size), which is
     * what has to start a new trial. The ONNX Runtime version (its CoreML EP converts more with each
     * release), the machine (OS version, CPU, cores) and the thread setting change the comparison too.
     */
    record Key(String model, long size, long modifiedMillis, String ort, String machine, int threads) {
        static Key of(Path model, String ort, Machine machine, int threads) throws IOException {
            Path file = model.toAbsolutePath().normalize();
            FileTime modified = Files.getLastModifiedTime(file);
            return new Key(file.toString(), Files.size(file), modified.toMillis(), ort, machine.describe(), threads);
        }
    }

    /** A remembered verdict: the provider, why, and the measurements behind it in a line. */
    record Choice(ExecutionProvider provider, String reason) {
    }

    private final Path file;
    private final List<ObjectNode> memory = new ArrayList<>();

    /** @param file null: in memory only */
    RememberedChoices(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    synchronized Optional<Choice> find(Key key) {
        for (ObjectNode entry : entries()) {
            if (matches(entry, key)) {
                try {
                    return Optional.of(new Choice(ExecutionProvider.valueOf(entry.path("provider").asText()),
                            entry.path("reason").asText()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty(); // written by another version: trial again
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Remembers {@code choice} for {@code key}, replacing what was remembered for the same model file on
     * the same machine (a models folder shared by two machines keeps one entry for each).
     */
    synchronized void put(Key key, Choice choice) {
        List<ObjectNode> entries = new ArrayList<>(entries());
        entries.removeIf(e -> e.path("model").asText().equals(key.model())
                && e.path("machine").asText().equals(key.machine()));
        ObjectNode entry = JSON.createObjectNode();
        entry.put("model", key.model());
        entry.put("size", key.size());
        entry.put("modified_ms", key.modifiedMillis());
        entry.put("onnxruntime", key.ort());
        entry.put("machine", key.machine());
        entry.put("threads", key.threads());
        entry.put("provider", choice.provider().name());
        entry.put("reason", choice.reason());
        entries.add(entry);
        if (file == null) {
            memory.clear();
            memory.addAll(entries);
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("choices");
        entries.forEach(list::add);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            log.warn("cannot remember the provider choice in {}: {}", file, e.getMessage());
        }
    }

    private List<ObjectNode> entries() {
        if (file == null) {
            return memory;
        }
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<ObjectNode> entries = new ArrayList<>();
            for (JsonNode e : root.path("choices")) {
                if (e instanceof ObjectNode o) {
                    entries.add(o);
                }
            }
            return entries;
        } catch (IOException e) {
            log.debug("{} cannot be read ({}); trials start afresh", file, e.getMessage());
            return List.of();
        }
    }

    private static boolean matches(JsonNode e, Key key) {
        return e.path("model").asText().equals(key.model()) && e.path("size").asLong(-1) == key.size()
                && e.path("modified_ms").asLong(-1) == key.modifiedMillis()
                && e.path("onnxruntime").asText().equals(key.ort()) && e.path("machine").asText().equals(key.machine())
                && e.path("threads").asInt(-1) == key.threads();
    }
}
