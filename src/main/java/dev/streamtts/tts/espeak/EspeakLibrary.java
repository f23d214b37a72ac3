package dev.streamtts.tts.espeak;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The few calls of libespeak-ng's C API (speak_lib.h) that phonemization needs. */
interface EspeakLibrary extends Library {
    int CHARS_UTF8 = 1;
    /** Phoneme mode bit 1: IPA as UTF-8. */
    int PHONEMES_IPA = 0x02;
    /** Phoneme mode bit 7: bits 8-23 hold a character that ties the letters of one phoneme. */
    int PHONEMES_TIE = 0x80;
    int EE_OK = 0;

    /** Where espeak-ng-data is; null for the built-in place. */
    void espeak_ng_InitializePath(String path);

    /**
     * Loads the phoneme data. Called without {@code espeak_ng_InitializeOutput} (which
     * {@code espeak_Initialize} calls): 1.51 opens the sound server there even for output to memory,
     * and phonemizing needs no output. Returns ENS_OK (0) or an error status; context may be null.
     */
    int espeak_ng_Initialize(PointerByReference context);

    int espeak_SetVoiceByName(String name);

    /** The library's version string ("1.51"); {@code *pathData} is set to the espeak-ng-data folder in use. */
    String espeak_Info(PointerByReference pathData);

    /** Phonemizes one clause from {@code *textPointer} and advances it (NULL at the end of the text). */
    Pointer espeak_TextToPhonemes(PointerByReference textPointer, int textMode, int phonemeMode);
}
