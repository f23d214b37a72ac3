package dev.streamtts.onnx;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles glibc's malloc for a long-running process whose model runs allocate and free tensors of a
 * new size every sentence. By default glibc keeps up to 8 arenas per core and raises its mmap
 * threshold to the largest block freed so far (up to 32 MiB), after which big tensors come from the
 * arenas and fragment them: resident memory crept up for as long as stream-tts ran. Two arenas and a
 * fixed 128 KiB threshold (big blocks mapped and unmapped with each run) make it creep less (measured
 * in docs/RELIABILITY.md, "Memory"; jemalloc does better still). Done once,
 * before ONNX Runtime starts its threads; the same as {@code MALLOC_ARENA_MAX=2
 * MALLOC_MMAP_THRESHOLD_=131072}, which scripts/stream-tts also sets, and skipped when either of
 * those is set (the user's choice wins) or the C library is not glibc.
 */
final class GlibcMalloc {
    private static final Logger log = LoggerFactory.getLogger(GlibcMalloc.class);
    static final int M_MMAP_THRESHOLD = -3;
    static final int M_ARENA_MAX = -8;
    static final int ARENAS = 2;
    static final int MMAP_THRESHOLD = 128 * 1024;

    private static boolean done;

    private GlibcMalloc() {
    }

    /** Applies the settings the first time it is called. */
    static synchronized void settle() {
        if (!done) {
            done = true;
            if (System.getenv("MALLOC_ARENA_MAX") == null && System.getenv("MALLOC_MMAP_THRESHOLD_") == null) {
                apply();
            }
        }
    }

    /** @return true when glibc took both settings (false elsewhere: macOS, musl, jemalloc preloaded) */
    static boolean apply() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
            libc.getFunction("gnu_get_libc_version"); // glibc only; musl and others: leave alone
            Function mallopt = libc.getFunction("mallopt");
            boolean ok = mallopt.invokeInt(new Object[] {M_ARENA_MAX, ARENAS}) == 1;
            ok &= mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1;
            log.debug("glibc malloc: {} arenas, mmap threshold {} KiB: {}", ARENAS, MMAP_THRESHOLD / 1024,
                    ok ? "set" : "refused");
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.debug("glibc malloc left as it is: {}", e.getMessage());
            return false;
        }
    }
}
