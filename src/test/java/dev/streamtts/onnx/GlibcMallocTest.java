package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class GlibcMallocTest {
    @Test
    void glibcTakesBothSettings() {
        assumeTrue(Platform.isLinux(), "glibc's mallopt exists on Linux only");
        assumeTrue(System.getenv("LD_PRELOAD") == null, "another allocator is preloaded");
        assumeTrue(new java.io.File("/lib/x86_64-linux-gnu/libc.so.6").exists()
                || new java.io.File("/lib/aarch64-linux-gnu/libc.so.6").exists()); // glibc
        assertThat(GlibcMalloc.apply()).isTrue();
    }
}
