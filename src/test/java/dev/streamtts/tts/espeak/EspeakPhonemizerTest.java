package dev.streamtts.tts.espeak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real espeak-ng (CI installs Debian's libespeak-ng1 1.51). Expected IPA is what that version gives;
 * a different espeak-ng release may pronounce a word differently, which is why these stay few.
 */
class EspeakPhonemizerTest {

    @Test
    void englishClausesKeepTheirPunctuationAndSentencesSplit() throws Exception {
        EspeakPhonemizer en = EspeakPhonemizer.forVoice("en-us");
        assertThat(en.sentences("Hello, world! How are you? I am fine: really; thanks. Bye"))
                .containsExactly(nfd("həlˈoʊ, wˈɜːld!"), nfd("hˈaʊ ɑːɹ juː?"),
                        nfd("aɪɐm fˈaɪn: ɹˈiəli; θˈæŋks."), nfd("bˈaɪ"));
        assertThat(en.sentences("Hello world.")).containsExactly(nfd("həlˈoʊ wˈɜːld."));
        assertThat(en.sentences("")).isEmpty();
    }

    @Test
    void germanDropsLanguageSwitchMarksAndIsNfd() throws Exception {
        EspeakPhonemizer de = EspeakPhonemizer.forVoice("de");
        assertThat(de.sentences("Das ist cool.")).containsExactly(nfd("das ɪst kˈuːl."));
        String ich = de.sentences("Ich bin hier.").get(0);
        assertThat(ich).isEqualTo(nfd("ɪç bɪn hˈiːɾ.")).contains("c\u0327"); // ç decomposed
        assertThat(de.sentences("Wir haben heute ein Meeting mit dem Team, okay?"))
                .containsExactly(nfd("viːɾ hˌɑːbən hˈɔøtə aɪn mˈeːtɪŋ mɪt deːm tˈiːm, ˈoːkɛɪ?"));
    }

    @Test
    void switchingVoicesAndLanguagesInsideATextGivesWhatAFreshPhonemizerGives() throws Exception {
        EspeakPhonemizer en = EspeakPhonemizer.forVoice("en-us");
        EspeakPhonemizer de = EspeakPhonemizer.forVoice("de");
        List<String> english = en.sentences("The quick brown fox jumps.");
        List<String> german = de.sentences("Ich bin hier.");
        for (int i = 0; i < 3; i++) {
            de.sentences("Das ist cool, okay?"); // espeak switches to English for a word inside
            assertThat(de.sentences("Ich bin hier.")).isEqualTo(german);
            assertThat(en.sentences("The quick brown fox jumps.")).isEqualTo(english);
        }
    }

    /**
     * espeak-ng 1.51 keeps ~3 KB of each voice selection; selecting the voice for every text made a
     * 10,000-sentence soak grow by tens of MB. glibc's mallinfo2 counts the C heap in use, Java's heap
     * is not in it.
     */
    @Test
    void phonemizingTextAfterTextKeepsNoNativeMemory() throws Exception {
        Assumptions.assumeTrue(Platform.isLinux(), "glibc's mallinfo2");
        Mallinfo libc;
        try {
            libc = Native.load("c", Mallinfo.class);
            libc.mallinfo2();
        } catch (UnsatisfiedLinkError e) {
            Assumptions.abort("not glibc 2.33+: " + e.getMessage());
            return;
        }
        EspeakPhonemizer en = EspeakPhonemizer.forVoice("en-us");
        for (int i = 0; i < 2000; i++) { // the JIT's own native memory settles first
            en.sentences("Warm up number " + i + ".");
        }
        long before = libc.mallinfo2().inUse();
        int texts = 20_000;
        for (int i = 0; i < texts; i++) {
            en.sentences("The build " + i + " passed.");
        }
        long grown = libc.mallinfo2().inUse() - before;
        // Selecting the voice each time kept 2-3 KB per text: 40-60 MB here.
        assertThat(grown).as("C heap growth over %d texts", texts).isLessThan(12_000_000);
    }

    /** glibc's struct mallinfo2 (all size_t). */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallinfoStruct extends Structure implements Structure.ByValue {
        public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;

        long inUse() {
            return uordblks + hblkhd;
        }
    }

    interface Mallinfo extends Library {
        MallinfoStruct mallinfo2();
    }

    @Test
    void anUnknownVoiceIsAClearError() {
        assertThatThrownBy(() -> EspeakPhonemizer.forVoice("xx-nonexistent"))
                .isInstanceOf(EspeakException.class).hasMessageContaining("xx-nonexistent");
    }

    @Test
    void concurrentUseGivesTheSameResultAsSequentialUse() throws Exception {
        EspeakPhonemizer en = EspeakPhonemizer.forVoice("en-us");
        EspeakPhonemizer de = EspeakPhonemizer.forVoice("de");
        String expectEn = String.join("|", en.sentences("The quick brown fox, it jumps. Done!"));
        String expectDe = String.join("|", de.sentences("Guten Morgen, wie geht es?"));
        Thread[] threads = new Thread[4];
        String[] got = new String[threads.length];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                try {
                    for (int k = 0; k < 50; k++) {
                        got[n] = n % 2 == 0 ? String.join("|", en.sentences("The quick brown fox, it jumps. Done!"))
                                : String.join("|", de.sentences("Guten Morgen, wie geht es?"));
                    }
                } catch (EspeakException e) {
                    got[n] = e.toString();
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < threads.length; i++) {
            assertThat(got[i]).isEqualTo(i % 2 == 0 ? expectEn : expectDe);
        }
    }

    private static String nfd(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD);
    }
}
