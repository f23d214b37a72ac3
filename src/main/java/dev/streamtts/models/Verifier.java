package dev.streamtts.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

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
            return Downloader.smallTextFile(file) ? Status.SIZE_DIFFERS : Status.CORRUPT;
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
        MessageDigest md = Downloader.digest(algorithm);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return Downloader.hex(md.digest());
    }
}
