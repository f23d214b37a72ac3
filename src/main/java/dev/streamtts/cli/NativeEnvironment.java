package dev.streamtts.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opt-outs that native libraries read from the process environment, put there by {@code main} before any
 * of those libraries is loaded, so they hold for {@code java -jar} as well as for the launcher.
 *
 * <p>ONNX Runtime (1.29) starts telemetry when its native library loads: a device id and an event queue
 * under {@code ~/.cache/Microsoft/DeveloperTools/.onnxruntime/} and, some seconds later, uploads to
 * {@code mobile.events.data.microsoft.com}. {@code OrtEnvironment.setTelemetry(false)} comes too late to
 * stop either; only {@code ORT_DISABLE_TELEMETRY=1} in the environment, read by the native code, does.
 * Java's own {@code System.getenv} is a copy taken once, so the variable is set with libc's {@code setenv}.
 *
 * <p>DJL (tokenizers) would call home from EC2 unless the {@code offline} property is set;
 * {@code OPT_OUT_TRACKING} is its documented opt-out and is set too, as a second lock.
 *
 * <p>{@code TOKENIZERS_PARALLELISM=false} keeps the Rust tokenizer's own thread pool out of the way of
 * ONNX Runtime's: we encode one sentence at a time, which gains nothing from it, and with every core given
 * to the translator the product's sentence was 1.06-1.18x Python onnxruntime's with it and 0.96-1.01x
 * without (docs/PERFORMANCE.md, "NLLB-200 600M").
 */
final class NativeEnvironment {
    static final Map<String, String> OPT_OUTS = optOuts();

    private NativeEnvironment() {
    }

    private static Map<String, String> optOuts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ORT_DISABLE_TELEMETRY", "1");
        m.put("OPT_OUT_TRACKING", "true");
        m.put("TOKENIZERS_PARALLELISM", "false");
        return m;
    }

    /**
     * Sets the opt-outs in the process environment (and DJL's as system properties). Must run before the
     * first {@code ai.onnxruntime} class is initialised. Says so on {@code err} when it could not.
     */
    static void applyOptOuts(Libc libc, PrintStream err) {
        System.setProperty("offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        for (Map.Entry<String, String> e : OPT_OUTS.entrySet()) {
            if (e.getValue().equals(System.getenv(e.getKey()))) {
                continue; // given by the launcher or the user
            }
            if (libc == null ? !com.sun.jna.Platform.isWindows() : libc.setenv(e.getKey(), e.getValue(), 1) != 0) {
                err.println("stream-tts: warning: could not set " + e.getKey() + "=" + e.getValue()
                        + " for the native libraries; set it in the environment to keep their telemetry off");
            }
        }
    }
}
