package dev.streamtts.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Size and checksum of a finished download ({@code NAME.part}) before it is installed; a mismatch deletes it. */
final class DownloadCheck {
    // logged under Downloader, as before the split: the lines users see keep their name
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);

    private DownloadCheck() {
    }

    /** Throws, having deleted {@code part}, when it is not the file the manifest describes. */
    static void check(ModelFile file, Path part, Path target) throws DownloadException {
        try {
            long size = Files.size(part);
            if (file.size() != null && size != file.size() && Verifier.smallTextFile(file)) {
                // Only a size is published (small text files: MODEL_CARD, configs), and catalogues disagree
                // on it; the weights keep their checksums. Keep it if it is what it claims to be.
                if (file.path().endsWith(".json") && !parsesAsJson(part)) {
                    Files.deleteIfExists(part);
                    throw new DownloadException(target.getFileName() + ": downloaded " + size + " bytes that are not "
                            + "JSON; the file was deleted, run the command again");
                }
                log.info("{}: {} bytes arrived, the manifest says {}; no checksum is published for it, so it is kept "
                        + "('models verify' notes the difference)", target.getFileName(), size, file.size());
            } else if (file.size() != null && size != file.size()) {
                Files.deleteIfExists(part);
                if (!file.pinned()) {
                    throw new DownloadException(target.getFileName() + ": downloaded " + size + " bytes, expected "
                            + file.size() + reuploaded(file));
                }
                throw new DownloadException(target.getFileName() + ": downloaded " + size + " bytes, expected "
                        + file.size() + "; the file was deleted, run the command again");
            }
            if (file.checksum() != null) {
                String actual = Verifier.digest(part, file.checksumAlgorithm());
                if (!actual.equals(file.checksum())) {
                    Files.deleteIfExists(part);
                    if (!file.pinned()) {
                        throw new DownloadException(target.getFileName() + ": " + file.checksumAlgorithm() + " mismatch"
                                + " (expected " + file.checksum() + ", got " + actual + ")" + reuploaded(file));
                    }
                    throw new DownloadException(target.getFileName() + ": " + file.checksumAlgorithm() + " checksum mismatch"
                            + " (expected " + file.checksum() + ", got " + actual + "); the download was deleted. "
                            + "If this repeats, the file changed at " + file.url().getHost());
                }
            }
        } catch (IOException e) {
            throw new DownloadException("cannot check " + part + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rest of the one line that reports a mismatch of a file whose URL is not pinned to a revision
     * (a release asset the publisher can replace): the bytes may be a re-upload, not a broken download.
     * Either way they are not used: nothing but the manifest's digest can vouch for them.
     */
    private static String reuploaded(ModelFile file) {
        return "; its URL is a release asset, not pinned to a revision, so the publisher (" + file.url().getHost()
                + ") may have re-uploaded it. The download was deleted and not installed: update stream-tts for a"
                + " newer manifest, or report both digests to stream-tts; to use the new file anyway, check where it"
                + " comes from yourself, download " + file.url() + " by hand and put its sha256 into a copy of the"
                + " manifest (models.manifest)";
    }

    private static boolean parsesAsJson(Path file) {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
