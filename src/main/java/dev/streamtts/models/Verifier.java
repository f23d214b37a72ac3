package dev.streamtts.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checks installed files against the manifest: size, and the published checksum where there is one. */
public final class Verifier {
    /** The outcome for one file. */
    public enum Status {
        /** Size and published checksum match. */
        VERIFIED,
        /** The publisher lists no checksum: only the size (if listed) could be checked. */
        SIZE_ONLY,
        /**
         * No checksum is published and the size differs from the manifest's: a small text file
         * (MODEL_CARD, a config) the publisher has edited, or that catalogues list differently. Kept.
         */
        SIZE_DIFFERS,
        MISSING,
        /** Wrong size or checksum. */
        CORRUPT
    }

    private Verifier() {
    }

    public static Status check(ModelFile file, Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return Status.MISSING;
        }
        if (file.size() != null && Files.size(path) != file.size()) {
            return smallTextFile(file) ? Status.SIZE_DIFFERS : Status.CORRUPT;
        }
        if (file.checksum() == null) {
            return Status.SIZE_ONLY;
        }
        return digest(path, file.checksumAlgorithm()).equals(file.checksum()) ? Status.VERIFIED : Status.CORRUPT;
    }

    static boolean matches(ModelFile file, Path path) throws IOException {
        Status s = check(file, path);
        return s == Status.VERIFIED || s == Status.SIZE_ONLY || s == Status.SIZE_DIFFERS;
    }

    static String digest(Path path, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * A text file under 1 MiB with no published checksum (MODEL_CARD, *.json, *.txt, *.md): catalogues
     * list different sizes for such files, so their listed size is advisory. Weights keep strict checks.
     */
    static boolean smallTextFile(ModelFile file) {
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        boolean text = !name.contains(".") || name.matches("(?i).*\\.(json|txt|md|yaml)$");
        return text && file.checksum() == null && file.size() != null && file.size() < 1024 * 1024;
    }
}
