package dev.streamtts.tts.espeak;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The few calls of libespeak-ng's C API (speak_lib.h) that phonemization needs. */
interface EspeakLibrary extends Library {
    int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    /** Report a missing data directory as an error instead of calling exit(1) inside the JVM. */
    int INITIALIZE_DONT_EXIT = 0x8000;
    int CHARS_UTF8 = 1;
    /** Phoneme mode bit 1: IPA as UTF-8. */
    int PHONEMES_IPA = 0x02;
    /** Phoneme mode bit 7: bits 8-23 hold a character that ties the letters of one phoneme. */
    int PHONEMES_TIE = 0x80;
    int EE_OK = 0;

    int espeak_Initialize(int output, int bufferLength, String path, int options);

    int espeak_SetVoiceByName(String name);

    /** Phonemizes one clause from {@code *textPointer} and advances it (NULL at the end of the text). */
    Pointer espeak_TextToPhonemes(PointerByReference textPointer, int textMode, int phonemeMode);
}
