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
    private static VoiceSwitch voices;

    private Espeak() {
    }

    /** The initialised library; the exception says how to install it when it is missing. */
    static EspeakLibrary get() throws EspeakException {
        synchronized (LOCK) {
            if (library == null) {
                library = load();
                voices = new VoiceSwitch(library, "en");
            }
            return library;
        }
    }

    /** Makes {@code voice} the current one (only when it is not already: see {@link VoiceSwitch}); hold LOCK. */
    static boolean select(String voice) throws EspeakException {
        get();
        return voices.select(voice);
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
        lib.espeak_ng_InitializePath(dataPath);
        // Not espeak_Initialize: it also opens the sound server (PulseAudio), and only phonemes are wanted.
        int status = lib.espeak_ng_Initialize(null);
        if (status != EspeakLibrary.EE_OK || lib.espeak_SetVoiceByName("en") != EspeakLibrary.EE_OK) {
            throw new EspeakException("espeak-ng is installed but finds no voice data (espeak-ng-data); "
                    + HOW_TO_INSTALL + ", or set ESPEAK_DATA_PATH");
        }
        return lib;
    }
}
