package dev.streamtts.tts.espeak;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceSwitchTest {
    private final List<String> calls = new ArrayList<>();

    /** A stand-in library that records each voice selection; "xx" does not exist. */
    private EspeakLibrary recording() {
        return (EspeakLibrary) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EspeakLibrary.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("espeak_SetVoiceByName")) {
                        calls.add((String) args[0]);
                        return args[0].equals("xx") ? 1 : EspeakLibrary.EE_OK;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theSameVoiceIsSelectedOnceHoweverOftenItIsAskedFor() {
        VoiceSwitch voices = new VoiceSwitch(recording(), "en");
        for (int i = 0; i < 1000; i++) {
            assertThat(voices.select("en-us")).isTrue();
        }
        assertThat(voices.select("en")).isTrue();
        assertThat(calls).containsExactly("en-us", "en");
    }

    @Test
    void theVoiceSetAtStartIsNotSelectedAgain() {
        VoiceSwitch voices = new VoiceSwitch(recording(), "en");
        assertThat(voices.select("en")).isTrue();
        assertThat(calls).isEmpty();
    }

    @Test
    void afterAFailedSelectionTheNextOneIsMadeEvenForTheSameVoice() {
        VoiceSwitch voices = new VoiceSwitch(recording(), "de");
        assertThat(voices.select("xx")).isFalse();
        assertThat(voices.select("de")).isTrue(); // espeak's voice is unknown after a failure
        assertThat(voices.select("de")).isTrue();
        assertThat(calls).containsExactly("xx", "de");
    }
}
