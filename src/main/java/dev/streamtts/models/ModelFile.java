package dev.streamtts.models;

import java.net.URI;
import java.util.Objects;

/**
 * One file of an installable model.
 *
 * @param path   where it goes, relative to the model's folder
 * @param url    where it comes from
 * @param size   its size in bytes, or null when the publisher does not list it
 * @param sha256 its SHA-256 (hex), or null when the publisher publishes none
 * @param md5    its MD5 (hex), used only when no SHA-256 is published (Piper's catalogue lists MD5)
 * @param pinned false when the URL names something the publisher can replace (a GitHub release asset:
 *               a tag, not a revision), so a checksum mismatch may be a re-upload rather than a bad download
 */
public record ModelFile(String path, URI url, Long size, String sha256, String md5, boolean pinned) {
    /** A file whose URL is pinned to a revision. */
    public ModelFile(String path, URI url, Long size, String sha256, String md5) {
        this(path, url, size, sha256, md5, true);
    }

    public ModelFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(url, "url");
        if (path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("file path must stay inside the model folder: " + path);
        }
    }

    /** A published checksum to verify against, or null. */
    public String checksum() {
        return sha256 != null ? sha256 : md5;
    }

    public String checksumAlgorithm() {
        return sha256 != null ? "SHA-256" : md5 != null ? "MD5" : null;
    }
}
