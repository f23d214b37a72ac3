package dev.streamtts.translate;

import dev.streamtts.onnx.OutputSlicer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoder file whose logits are cut to a {@link Shortlist}, made once from the published one and kept
 * beside it ({@code decoder_model_merged_quantized.shortlist-Jpan.onnx}): beside it because weights in
 * external data files are found relative to the model. The new file's metadata records what it was made
 * from (the source's size, modification time and SHA-256, the shortlist's hash); it is used as long as
 * they match, and made again when the source or the shortlist changed. A source of the same size but
 * another modification time is checked by its SHA-256, so a copied folder does not rebuild. Written to a
 * temporary file and renamed into place, so a run stopped halfway leaves no half file behind.
 */
final class ShortlistedDecoder {
    private static final Logger log = LoggerFactory.getLogger(ShortlistedDecoder.class);
    static final String KEY_SHORTLIST = "stream-tts.shortlist";
    static final String KEY_SIZE = "stream-tts.shortlist.source_size";
    static final String KEY_MODIFIED = "stream-tts.shortlist.source_modified";
    static final String KEY_SHA256 = "stream-tts.shortlist.source_sha256";
    static final String KEY_SOURCE = "stream-tts.shortlist.source";
    static final String KEY_TOKENS = "stream-tts.shortlist.tokens";
    private static final String TEMPORARY = ".tmp-";

    private ShortlistedDecoder() {
    }

    /** Where the cut copy of {@code source} for {@code shortlist} goes. */
    static Path pathFor(Path source, Shortlist shortlist) {
        String name = source.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        return source.resolveSibling(stem + ".shortlist-" + shortlist.name() + ".onnx");
    }

    /**
     * The cut copy of {@code source}, made now if missing or stale.
     *
     * @param width the full vocabulary size (the source's logits width)
     * @throws IOException the source cannot be cut ({@link OutputSlicer.Unsupported}) or the copy not written
     */
    static Path derive(Path source, Shortlist shortlist, int width, boolean rebuild) throws IOException {
        Path target = pathFor(source, shortlist);
        if (!rebuild && Files.isRegularFile(target) && fresh(target, source, shortlist)) {
            return target;
        }
        removeAbandoned(target);
        long started = System.nanoTime();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KEY_SHORTLIST, shortlist.hash());
        meta.put(KEY_TOKENS, Integer.toString(shortlist.size()));
        meta.put(KEY_SOURCE, source.getFileName().toString());
        meta.put(KEY_SIZE, Long.toString(Files.size(source)));
        meta.put(KEY_MODIFIED, Long.toString(Files.getLastModifiedTime(source).toMillis()));
        meta.put(KEY_SHA256, sha256(source));
        Path tmp = target.resolveSibling(target.getFileName() + TEMPORARY + ProcessHandle.current().pid());
        try {
            OutputSlicer.Result r = OutputSlicer.write(source, tmp, "logits", width, shortlist.ids(), meta);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            log.info(String.format(Locale.ROOT, "wrote %s (%.1f MB, from %.1f MB; %,d of %,d output tokens; cut %s) in %.1f s",
                    target.getFileName(), r.bytes() / 1e6, Files.size(source) / 1e6, shortlist.size(), width,
                    String.join(", ", r.sliced()), (System.nanoTime() - started) / 1e9));
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether {@code target} was made from this source and shortlist. An unreadable target is not. */
    static boolean fresh(Path target, Path source, Shortlist shortlist) throws IOException {
        Map<String, String> meta;
        try {
            meta = OutputSlicer.metadata(target);
        } catch (IOException e) {
            log.debug("{} is unreadable ({}); making it again", target, e.getMessage());
            return false;
        }
        if (!shortlist.hash().equals(meta.get(KEY_SHORTLIST))
                || !Long.toString(Files.size(source)).equals(meta.get(KEY_SIZE))) {
            return false;
        }
        if (Long.toString(Files.getLastModifiedTime(source).toMillis()).equals(meta.get(KEY_MODIFIED))) {
            return true;
        }
        return sha256(source).equals(meta.get(KEY_SHA256));
    }

    /** Temporary files of runs that were stopped while writing (their process is gone). */
    private static void removeAbandoned(Path target) {
        String prefix = target.getFileName() + TEMPORARY;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), prefix + "*")) {
            for (Path f : files) {
                String pid = f.getFileName().toString().substring(prefix.length());
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("could not look for abandoned files beside {}: {}", target, e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 20];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
