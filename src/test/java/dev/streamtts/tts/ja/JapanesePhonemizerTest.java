package dev.streamtts.tts.ja;

import static org.assertj.core.api.Assertions.assertThat;

import com.atilika.kuromoji.unidic.kanaaccent.Tokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.tts.kokoro.KokoroEnglish;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Japanese frontend against a table of 66 sentences of translated coding-assistant prose
 * (src/test/resources/ja/frontend-golden.json). How the expected values were made, independently of this
 * Java code: misaki's own Japanese G2P (hexgrad/misaki at fba1236, cutlet mode, the one Kokoro's voices were
 * trained with) was run in Python over the same Kuromoji UniDic tokens, with stream-tts's documented
 * deviations (word grouping by part of speech, whole numbers, Latin words via letter names or espeak-ng
 * English) implemented separately in Python from a written specification. "reading" is each word's kana as
 * the dictionary reads it (は → わ, へ → え, long vowels as ー); "phonemes" is what Kokoro receives.
 */
class JapanesePhonemizerTest {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JapanesePhonemizerTest.class);

    static JapanesePhonemizer phonemizer;

    @BeforeAll
    static void load() throws Exception {
        phonemizer = new JapanesePhonemizer(new Tokenizer(), KokoroEnglish.create(false)::phonemes);
    }

    @Test
    void everySentenceOfTheTableMatchesReadingAndPhonemes() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(Path.of("src/test/resources/ja/frontend-golden.json").toFile());
        assertThat(golden.size()).isGreaterThanOrEqualTo(60);
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode c : golden) {
            String text = c.get("text").asText();
            soft.assertThat(phonemizer.reading(text)).as("reading of " + text).isEqualTo(c.get("reading").asText());
            soft.assertThat(phonemizer.phonemes(text)).as("phonemes of " + text).isEqualTo(c.get("phonemes").asText());
        }
        soft.assertAll();
    }

    @Test
    void particlesAndLongVowelsAndGeminationFollowTheDictionaryReading() {
        assertThat(phonemizer.reading("私は学校へ行きます。")).isEqualTo("わたくし わ がっこー え いきます 。");
        assertThat(phonemizer.phonemes("東京を見ました。")).isEqualTo("toːkʲoː o mʲi maɕita.");
        assertThat(phonemizer.phonemes("ちょっと待って。")).contains("ʨoʔto");
    }

    @Test
    void numbersAreReadAsWholeNumbers() {
        assertThat(JapaneseNumbers.read("2025")).isEqualTo("にせんにじゅーご");
        assertThat(JapaneseNumbers.read("300")).isEqualTo("さんびゃく");
        assertThat(JapaneseNumbers.read("8000")).isEqualTo("はっせん");
        assertThat(JapaneseNumbers.read("10000000")).isEqualTo("いっせんまん");
        assertThat(JapaneseNumbers.read("1000000000000")).isEqualTo("いっちょー");
        assertThat(JapaneseNumbers.read("3.14")).isEqualTo("さんてんいちよん");
        assertThat(JapaneseNumbers.read("1.2.3")).isEqualTo("いちてんにてんさん");
        assertThat(JapaneseNumbers.read("1,000")).isEqualTo("せん");
        assertThat(JapaneseNumbers.read("007")).isEqualTo("ぜろぜろなな");
        assertThat(JapaneseNumbers.read("12345678901234567890")).startsWith("いちにさん");
    }

    @Test
    void frontendTimePerSentenceAfterWarmUp() {
        String s = "config.yamlに新しいキーを追加しました。テストが42件通りました。";
        for (int i = 0; i < 200; i++) {
            phonemizer.phonemes(s);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            phonemizer.phonemes(s);
        }
        double ms = (System.nanoTime() - start) / 1e6 / 200;
        log.info("Japanese frontend: {} ms per sentence", String.format(java.util.Locale.ROOT, "%.3f", ms));
        assertThat(ms).isLessThan(50); // a loose bound for slow CI machines; docs/PERFORMANCE.md has the figure
    }
}
