package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class GlibcMallocTest {
    @Test
    void glibcTakesBothSettings() {
        assumeTrue(Platform.isLinux() && System.getenv("MALLOC_ARENA_MAX") == null
                && System.getenv("MALLOC_MMAP_THRESHOLD_") == null);
        assumeTrue(new java.io.File("/lib/x86_64-linux-gnu/libc.so.6").exists()
                || new java.io.File("/lib/aarch64-linux-gnu/libc.so.6").exists()); // glibc
        assertThat(GlibcMalloc.apply()).isTrue();
    }
}
