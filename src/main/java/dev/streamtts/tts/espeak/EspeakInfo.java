package dev.streamtts.tts.espeak;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The espeak-ng library the voices use, loaded and initialised exactly as they load it, as a check of
 * the installation reports it.
 *
 * @param dataPath the espeak-ng-data folder it reads its voices from, or null when it does not say
 */
public record EspeakInfo(String version, String dataPath) {

    /** Loads the library (once per process, as the voices do); the exception says how to install it. */
    public static EspeakInfo load() throws EspeakException {
        synchronized (Espeak.LOCK) {
            EspeakLibrary lib = Espeak.get();
            PointerByReference path = new PointerByReference();
            String version = lib.espeak_Info(path);
            Pointer p = path.getValue();
            return new EspeakInfo(version == null ? "(version unknown)" : version, p == null ? null : p.getString(0));
        }
    }
}
