package dev.streamtts.cli;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import dev.streamtts.cli.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks the process's standard input before the speak command reads it. A closed fd 0 ({@code <&-}) is not
 * seen as such by Java: the JVM opens files before {@code main} and the first one takes fd 0, so without
 * this check its own {@code lib/modules} would be read as input. A terminal gets a hint instead of silence.
 */
final class StandardInput {
    static final String HOW = "pipe Claude Code's stream-json into it: "
            + "claude -p \"…\" --output-format stream-json --verbose | stream-tts";

    private static volatile InputStream real;
    private static volatile Libc libc;

    private StandardInput() {
    }

    /** Called by {@code main}: {@code stdin} is the stream over fd 0; tests' own streams are never checked. */
    static void watch(InputStream stdin, Libc c) {
        real = stdin;
        libc = c;
    }

    /** Throws when fd 0 cannot be input; prints how to use the command when it is a terminal. */
    static void check(Env env) throws ConfigException {
        if (real == null || env.stdin() != real) {
            return;
        }
        String problem = problem(libc, Path.of(System.getProperty("java.home")));
        if (problem != null) {
            throw new ConfigException("standard input " + problem + "; " + HOW);
        }
        if (libc != null && libc.isatty(0) == 1) {
            env.stderr().println("stream-tts: standard input is a terminal: type or paste stream-json lines "
                    + "(Ctrl-D ends, Ctrl-C stops), or " + HOW);
        }
    }

    /** Why fd 0 cannot be this program's input ("is closed", …), or null when it can. */
    static String problem(Libc c, Path javaHome) {
        if (c != null) {
            int flags = c.fcntl(0, Libc.F_GETFL);
            if (flags == -1) {
                return "is closed";
            }
            if ((flags & Libc.O_ACCMODE) == Libc.O_WRONLY) {
                return "is open for writing only";
            }
        }
        String target = target(c);
        if (target == null) {
            // Without the C library, Linux still tells: no /proc link means no fd 0.
            boolean noLink = c == null && Platform.isLinux() && Files.isDirectory(Path.of("/proc/self/fd"))
                    && !Files.exists(Path.of("/proc/self/fd/0"), LinkOption.NOFOLLOW_LINKS);
            return noLink ? "is closed" : null;
        }
        if (!target.startsWith("/")) {
            return null; // pipe:[…], socket:[…], anon_inode:…
        }
        Path file = Path.of(target);
        if (ownFile(file, javaHome)) {
            return "is closed"; // the JVM's own file took the free fd 0
        }
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        return null;
    }

    /** Where fd 0 points: Linux's /proc link, macOS's F_GETPATH; null when unknown or not open. */
    private static String target(Libc c) {
        if (Platform.isLinux()) {
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return null;
            }
        }
        if (Platform.isMac() && c != null) {
            Memory path = new Memory(1024);
            path.clear();
            return c.fcntl(0, Libc.F_GETPATH, path) == -1 ? null : path.getString(0, "UTF-8");
        }
        return null;
    }

    /** A file of the running JVM (its modules, jars) or of this program's class path. */
    private static boolean ownFile(Path file, Path javaHome) {
        if (file.startsWith(javaHome) || file.startsWith(real(javaHome))) {
            return true;
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isRegularFile(Path.of(entry)) && file.equals(real(Path.of(entry)))) {
                return true;
            }
        }
        return false;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath();
        }
    }
}
