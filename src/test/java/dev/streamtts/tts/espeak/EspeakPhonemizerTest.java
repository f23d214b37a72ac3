package dev.streamtts.tts.espeak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
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
