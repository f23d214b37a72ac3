package dev.streamtts.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The turn of one download of a file: threads of this process queue on a lock of their own, processes on
 * {@code NAME.lock} ({@link LockFile}, removed when the turn ends).
 */
final class DownloadLock implements AutoCloseable {
    // a second FileLock of the same file in one JVM would throw instead of waiting
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final LockFile file;

    private DownloadLock(ReentrantLock local, LockFile file) {
        this.local = local;
        this.file = file;
    }

    /** Waits for the turn to download {@code target}. */
    static DownloadLock take(Path target) throws DownloadException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(target.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try {
            return new DownloadLock(local, LockFile.acquire(target.resolveSibling(target.getFileName() + ".lock")));
        } catch (IOException e) {
            local.unlock();
            throw new DownloadException("cannot lock " + target + " for downloading: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            file.close();
        } finally {
            local.unlock();
        }
    }
}
