package dev.streamtts.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Lock files between real processes: removed by their holder, and still exclusive when one is removed. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class LockFileTest {
    @TempDir
    Path dir;

    static Process java(Class<?> main, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, main.getName()));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void theHolderRemovesTheLockFileWhenItLetsGo() throws Exception {
        Path path = dir.resolve("model.onnx.lock");
        try (LockFile lock = LockFile.acquire(path)) {
            assertThat(path).exists();
            assertThat(Holder.busy(path)).as("another process cannot take it").isTrue();
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void aLockerThatWaitedOnALockFileItsHolderRemovedLocksTheFileNowAtThePath() throws Exception {
        Path path = dir.resolve("model.onnx.lock");
        Process holder = java(Holder.class, path.toString());
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("locked");
            AtomicInteger opens = new AtomicInteger();
            CountDownLatch openedTheHeldFile = new CountDownLatch(1);
            // This process opens the file the holder has locked and waits for it...
            CompletableFuture<LockFile> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return LockFile.acquire(path, () -> {
                        opens.incrementAndGet();
                        openedTheHeldFile.countDown();
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(openedTheHeldFile.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // ...and is (most likely) blocked in lock() by now; either way it has the old file open
            assertThat(waiter).isNotDone();
            // ...while the holder removes the file and lets go.
            OutputStream toHolder = holder.getOutputStream();
            toHolder.write('\n');
            toHolder.flush();
            assertThat(said.readLine()).isEqualTo("released");
            try (LockFile lock = waiter.get(10, TimeUnit.SECONDS)) {
                assertThat(opens.get()).as("it found the file it locked removed, and locked the one at the path").isEqualTo(2);
                assertThat(path).exists();
                assertThat(Holder.busy(path)).as("a process arriving now must wait for it").isTrue();
            }
            assertThat(path).doesNotExist();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isZero();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aLockerThatWaitedOnARemovedLockFileWaitsForTheProcessThatLockedTheNewOne() throws Exception {
        // A holds the lock; B opens the file and waits; A removes it and lets go; C creates a new one and
        // locks it before B looks. B has the lock of a file without a name: it must not go on beside C.
        Path path = dir.resolve("model.onnx.lock");
        Process a = java(Holder.class, path.toString());
        Process c = null;
        try {
            BufferedReader fromA = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
            assertThat(fromA.readLine()).isEqualTo("locked");
            AtomicInteger opens = new AtomicInteger();
            CountDownLatch bOpened = new CountDownLatch(1);
            CountDownLatch cLocked = new CountDownLatch(1);
            CompletableFuture<LockFile> b = CompletableFuture.supplyAsync(() -> {
                try {
                    return LockFile.acquire(path, () -> {
                        if (opens.incrementAndGet() == 1) {
                            bOpened.countDown();
                            try {
                                assertThat(cLocked.await(20, TimeUnit.SECONDS)).isTrue();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(bOpened.await(10, TimeUnit.SECONDS)).isTrue();
            a.getOutputStream().write('\n');
            a.getOutputStream().flush();
            assertThat(fromA.readLine()).isEqualTo("released");
            c = java(Holder.class, path.toString());
            BufferedReader fromC = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            assertThat(fromC.readLine()).isEqualTo("locked");
            cLocked.countDown(); // B now takes the lock of A's removed file at once
            Thread.sleep(300);
            assertThat(b).as("B went on while C holds the lock").isNotDone();
            c.getOutputStream().write('\n');
            c.getOutputStream().flush();
            assertThat(fromC.readLine()).isEqualTo("released");
            try (LockFile lock = b.get(10, TimeUnit.SECONDS)) {
                assertThat(opens.get()).as("A's file, C's file, then a new one").isEqualTo(3);
                assertThat(Holder.busy(path)).isTrue();
            }
            assertThat(path).doesNotExist();
        } finally {
            a.destroyForcibly();
            if (c != null) {
                c.destroyForcibly();
            }
        }
    }

    /** {@code PATH}: takes the lock, says "locked", lets go (removing the file) on a line of input, says "released". */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Path path = Path.of(args[0]);
            if (args.length > 1 && args[1].equals("--try")) {
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = ch.tryLock()) {
                    System.out.println(lock == null ? "busy" : "free");
                }
                return;
            }
            LockFile lock = LockFile.acquire(path);
            System.out.println("locked");
            System.out.flush();
            System.in.read();
            lock.close();
            System.out.println("released");
            System.out.flush();
        }

        /** Whether another process finds the file at {@code path} locked. */
        static boolean busy(Path path) throws Exception {
            Process p = java(Holder.class, path.toString(), "--try");
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(out).isIn("busy", "free");
            return out.equals("busy");
        }
    }
}
