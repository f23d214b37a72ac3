package dev.streamtts.tts.espeak;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.List;

/**
 * The process's one libespeak-ng, loaded and initialised once. espeak-ng keeps all state in globals
 * (voice, decoder, output buffer), so every use holds {@link #LOCK}.
 */
final class Espeak {
    static final Object LOCK = new Object();
    private static final String HOW_TO_INSTALL = "install it: Debian/Ubuntu 'sudo apt install libespeak-ng1', "
            + "Fedora 'sudo dnf install espeak-ng', macOS 'brew install espeak-ng'";

    private static EspeakLibrary library;

    private Espeak() {
    }

    /** The initialised library; the exception says how to install it when it is missing. */
    static EspeakLibrary get() throws EspeakException {
        synchronized (LOCK) {
            if (library == null) {
                library = load();
            }
            return library;
        }
    }

    private static EspeakLibrary load() throws EspeakException {
        // Homebrew does not put its libraries on the default search path.
        for (String dir : List.of("/opt/homebrew/lib", "/usr/local/lib")) {
            NativeLibrary.addSearchPath("espeak-ng", dir);
        }
        EspeakLibrary lib;
        try {
            lib = Native.load("espeak-ng", EspeakLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            throw new EspeakException("the espeak-ng library (libespeak-ng) was not found; " + HOW_TO_INSTALL, e);
        }
        String dataPath = System.getenv("ESPEAK_DATA_PATH");
        lib.espeak_Initialize(EspeakLibrary.AUDIO_OUTPUT_SYNCHRONOUS, 0, dataPath, EspeakLibrary.INITIALIZE_DONT_EXIT);
        // espeak_Initialize returns the sample rate even when it failed: a voice is the real test.
        if (lib.espeak_SetVoiceByName("en") != EspeakLibrary.EE_OK) {
            throw new EspeakException("espeak-ng is installed but finds no voice data (espeak-ng-data); "
                    + HOW_TO_INSTALL + ", or set ESPEAK_DATA_PATH");
        }
        return lib;
    }
}
