package dev.streamtts.onnx;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.LongByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a provider trial's result holds for. The OS version is part of it because CoreML's
 * compiler ships with macOS; the CPU model and core count because they are what the CPU side of the
 * comparison runs on.
 */
record Machine(String os, String osVersion, String arch, String cpu, int cores) {

    static Machine current() {
        return new Machine(System.getProperty("os.name", "?"), System.getProperty("os.version", "?"),
                System.getProperty("os.arch", "?"), cpuModel(), Runtime.getRuntime().availableProcessors());
    }

    /** "Mac OS X 15.1 aarch64, Apple M4 Max, 16 cores": also the key of remembered choices. */
    String describe() {
        return os + " " + osVersion + " " + arch + ", " + cpu + ", " + cores + (cores == 1 ? " core" : " cores");
    }

    static boolean appleSilicon() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")
                && System.getProperty("os.arch", "").equals("aarch64");
    }

    private static String cpuModel() {
        try {
            if (Platform.isMac()) {
                String brand = Sysctl.string("machdep.cpu.brand_string");
                if (brand != null) {
                    return brand;
                }
            } else if (Platform.isLinux()) {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name") && line.indexOf(':') > 0) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // the model is only a label; the key still holds the rest
        }
        return "unknown CPU";
    }

    /** macOS's sysctlbyname, for the CPU's name. */
    interface Sysctl extends Library {
        int sysctlbyname(String name, byte[] value, LongByReference size, byte[] newValue, long newSize);

        static String string(String name) {
            Sysctl c = Native.load("c", Sysctl.class);
            byte[] value = new byte[256];
            LongByReference size = new LongByReference(value.length);
            if (c.sysctlbyname(name, value, size, null, 0) != 0 || size.getValue() <= 0) {
                return null;
            }
            int n = (int) Math.min(size.getValue(), value.length);
            while (n > 0 && value[n - 1] == 0) {
                n--;
            }
            return new String(value, 0, n, StandardCharsets.UTF_8).trim();
        }
    }
}
