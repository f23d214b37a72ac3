package dev.streamtts.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock between processes on a lock file ({@code NAME.lock}), which its holder removes when it
 * is done, so that no lock file is left behind.
 *
 * <p>Removing a lock file needs care. A process waiting for the lock has the file open; once the holder
 * removes it and lets go, the waiter gets the lock of a file that no longer has a name, while a third
 * process may already have created a new {@code NAME.lock} and locked that one: both would go on. So:
 * <ul>
 * <li>a lock file is only ever removed by its holder, while it still holds the lock ({@link #close});</li>
 * <li>after taking the lock, a locker checks that the file it locked is still the one at the path, and
 * otherwise lets go and starts again with whatever is at the path now.</li>
 * </ul>
 * Java has no file key for an open channel to compare with {@code Files.readAttributes(path).fileKey()},
 * so the check is by content: the locker writes a random token through its channel, under the lock, and
 * opens the file at the path a second time, by name, to read it back. Only the holder of a file's lock
 * writes to it, so the token comes back exactly when the path names the locked file. Together these keep
 * the invariant that whoever holds the lock of the file at the path is the only holder that goes on.
 *
 * <p>The second channel stays open until the lock is let go: these are POSIX locks, and closing any
 * descriptor of a file in a process drops that process's locks on it ({@code Files.readAllBytes} of the
 * lock file would have let go of the lock in passing).
 *
 * <p>On Windows an open file that is removed keeps its name until every handle is closed, and opening it
 * meanwhile fails, so there the lock file is left in place (it is empty and harmless).
 */
final class LockFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LockFile.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final boolean REMOVABLE_WHILE_OPEN = !System.getProperty("os.name", "").startsWith("Windows");

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final FileChannel byName;

    private LockFile(Path path, FileChannel channel, FileLock lock, FileChannel byName) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.byName = byName;
    }

    /** Waits for the lock of {@code path}, creating the file when there is none. */
    static LockFile acquire(Path path) throws IOException {
        return acquire(path, () -> { });
    }

    /** As {@link #acquire(Path)}; {@code afterOpen} runs each time the file is opened, before waiting (tests). */
    static LockFile acquire(Path path, Runnable afterOpen) throws IOException {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        while (true) {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean held = false;
            try {
                afterOpen.run();
                FileLock lock = channel.lock();
                FileChannel byName = openIfStillAtPath(channel, path, token);
                if (byName != null) {
                    held = true;
                    return new LockFile(path, channel, lock, byName);
                }
                log.debug("{} was removed by its holder while this one waited; locking it again", path);
            } finally {
                if (!held) {
                    channel.close(); // lets go of the lock too
                }
            }
        }
    }

    /**
     * The file at the path opened a second time, when it is the one this channel has locked; else null.
     * Closing that second channel would drop the lock: it is closed when the lock is let go.
     */
    private static FileChannel openIfStillAtPath(FileChannel channel, Path path, byte[] token) throws IOException {
        channel.truncate(0);
        ByteBuffer b = ByteBuffer.wrap(token);
        while (b.hasRemaining()) {
            channel.write(b, b.position());
        }
        FileChannel byName;
        try {
            byName = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        boolean same = false;
        try {
            ByteBuffer back = ByteBuffer.allocate(token.length + 1);
            while (back.hasRemaining() && byName.read(back, back.position()) > 0) {
                // read until full or at the end
            }
            same = back.position() == token.length && Arrays.equals(Arrays.copyOf(back.array(), token.length), token);
            return same ? byName : null;
        } finally {
            if (!same) {
                byName.close(); // another file: this process holds no lock of it
            }
        }
    }

    Path path() {
        return path;
    }

    /** Removes the lock file (still holding its lock: see the class comment), then lets go. */
    @Override
    public void close() throws IOException {
        try {
            if (REMOVABLE_WHILE_OPEN && lock.isValid()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.debug("cannot remove {}: {}", path, e.getMessage());
        } finally {
            try {
                byName.close();
            } finally {
                channel.close();
            }
        }
    }
}
