package dev.streamtts.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/** The few C library calls the command line needs before anything else runs (POSIX: Linux, macOS). */
interface Libc extends Library {
    int F_GETFL = 3;
    int O_ACCMODE = 3;
    int O_WRONLY = 1;
    /** macOS only: the path of the file an fd refers to (buffer of MAXPATHLEN = 1024 bytes). */
    int F_GETPATH = 50;

    int setenv(String name, String value, int overwrite);

    int isatty(int fd);

    int fcntl(int fd, int cmd, Object... args);

    /** The C library, or null where there is none to call (Windows, or JNA could not load). */
    static Libc load() {
        if (Platform.isWindows()) {
            return null;
        }
        try {
            return Native.load(Platform.C_LIBRARY_NAME, Libc.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
