package dev.streamtts.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether a download fits on the disk before it starts, and whether a failed write means the disk is full. */
final class DiskSpace {
    // logged under Downloader, as before the split: the lines users see keep their name
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);

    private DiskSpace() {
    }

    /** Fails when the folder of {@code file} has less than {@code needed} bytes free. */
    static void ensure(Path file, long needed) throws DownloadException {
        Path dir = file.toAbsolutePath().getParent();
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (needed > 0 && free < needed) {
                throw new DownloadException(String.format(Locale.ROOT, "not enough disk space in %s: %.0f MB needed, %.0f MB free",
                        dir, needed / 1e6, free / 1e6));
            }
        } catch (IOException e) {
            // some file systems cannot say; the write then fails with its own message
            log.debug("cannot read free space: {}", e.getMessage());
        }
    }

    static boolean isFull(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("disk full") || m.contains("not enough space");
    }
}
