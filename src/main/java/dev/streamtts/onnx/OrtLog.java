package dev.streamtts.onnx;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads what ONNX Runtime logs while a call runs (a session being made, for {@link Placement}). Its Java
 * API offers no logging callback: ONNX Runtime writes to the process's stderr and nowhere else. So for
 * the length of the call stderr (fd 2) is pointed at a temporary file and then put back; the lines that
 * are not ONNX Runtime's are copied to stderr afterwards, in order. For the foreground only (the bench):
 * everything the process writes to stderr meanwhile is held back, which a run's speech must never be.
 * POSIX only; elsewhere, or if a step fails, the call runs as it is and nothing is read.
 */
final class OrtLog {
    /** ONNX Runtime's default sink: "2026-12-01 10:00:00.000 [I:onnxruntime:, file.cc:12 Function] text". */
    private static final Pattern ORT_LINE = Pattern.compile("\\[[VIWEF]:onnxruntime:");
    private static final int STDERR = 2;
    private static final Object LOCK = new Object();
    private static final Posix POSIX = load();

    private OrtLog() {
    }

    /** A call's value and the lines ONNX Runtime wrote while it ran (empty when they could not be read). */
    record Captured<T>(T value, List<String> lines) {
    }

    static boolean available() {
        return POSIX != null;
    }

    static <T, E extends Exception> Captured<T> capture(NativeCalls.Call<T, E> call) throws E {
        if (POSIX == null) {
            return new Captured<>(call.call(), List.of());
        }
        synchronized (LOCK) {
            PrintStream err = System.err;
            err.flush();
            byte[] template = (Path.of(System.getProperty("java.io.tmpdir"), "stream-tts-ort-log-XXXXXX")
                    + "\0").getBytes(StandardCharsets.UTF_8);
            int file = POSIX.mkstemp(template);
            if (file < 0) {
                return new Captured<>(call.call(), List.of());
            }
            Path path = Path.of(new String(template, 0, template.length - 1, StandardCharsets.UTF_8));
            int saved = POSIX.dup(STDERR);
            boolean redirected = saved >= 0 && POSIX.dup2(file, STDERR) >= 0;
            POSIX.close(file);
            T value;
            try {
                value = call.call();
            } finally {
                err.flush();
                if (redirected) {
                    POSIX.dup2(saved, STDERR);
                }
                if (saved >= 0) {
                    POSIX.close(saved);
                }
            }
            List<String> ort = new ArrayList<>();
            try {
                for (String line : new String(Files.readAllBytes(path), StandardCharsets.UTF_8).lines().toList()) {
                    if (ORT_LINE.matcher(line).find()) {
                        ort.add(line);
                    } else {
                        err.println(line);
                    }
                }
            } catch (IOException e) {
                ort.clear();
            } finally {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    path.toFile().deleteOnExit();
                }
            }
            err.flush();
            return new Captured<>(value, redirected ? ort : List.of());
        }
    }

    /** The C library calls for pointing fd 2 elsewhere and back. */
    interface Posix extends Library {
        int mkstemp(byte[] template);

        int dup(int fd);

        int dup2(int from, int to);

        int close(int fd);
    }

    private static Posix load() {
        if (Platform.isWindows()) {
            return null;
        }
        try {
            return Native.load(Platform.C_LIBRARY_NAME, Posix.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
