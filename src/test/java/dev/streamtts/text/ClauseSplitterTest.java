package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseSplitterTest {
    private final ClauseSplitter splitter = new ClauseSplitter();

    private List<String> pieces(String sentence) {
        List<String> pieces = splitter.pieces(sentence);
        // whatever the cut, nothing is lost, reordered or split inside a word
        assertThat(String.join("", pieces).replaceAll("\\s+", "")).isEqualTo(sentence.replaceAll("\\s+", ""));
        int at = 0;
        for (String p : pieces) {
            assertThat(sentence.indexOf(p, at)).as(p).isGreaterThanOrEqualTo(at);
            at = sentence.indexOf(p, at) + p.length();
        }
        assertThat(pieces).allSatisfy(p -> assertThat(p).isNotBlank().isEqualTo(p.strip()));
        return pieces;
    }

    @Test
    void aSentenceWithoutAClauseBoundaryStaysWhole() {
        assertThat(pieces("Hello world.")).containsExactly("Hello world.");
        assertThat(pieces("We meet at 10:30 tomorrow morning in the big conference room downstairs."))
                .hasSize(1);
        assertThat(pieces("ファイルを更新しました。")).containsExactly("ファイルを更新しました。");
        assertThat(splitter.pieces("")).containsExactly("");
    }

    @Test
    void englishIsCutAfterTheFirstClauseThatIsLongEnough() {
        assertThat(pieces("When the build has finished on every platform, we can merge the pull request and tag "
                + "the release.")).containsExactly("When the build has finished on every platform,",
                "we can merge the pull request and tag the release.");
        assertThat(pieces("The fix turned out to be quite simple — we only need to change one line in the "
                + "configuration file.")).containsExactly("The fix turned out to be quite simple —",
                "we only need to change one line in the configuration file.");
        assertThat(pieces("I checked the server logs again this morning; the error comes from the parser, not the "
                + "network.")).containsExactly("I checked the server logs again this morning;",
                "the error comes from the parser, not the network.");
    }

    @Test
    void noPieceIsASingleWordOrTooShortToSoundRight() {
        // "Yes," alone would sound clipped: it stays with what follows
        assertThat(pieces("Yes, I think that is the right approach for this project, and it should work."))
                .containsExactly("Yes, I think that is the right approach for this project,", "and it should work.");
        assertThat(pieces("Unfortunately, the build failed again on the Windows machine last night."))
                .hasSize(1);
        assertThat(pieces("However, the test still fails.")).hasSize(1);
        assertThat(pieces("Fine, thanks.")).containsExactly("Fine, thanks.");
        // a short tail is joined to the piece before it
        assertThat(pieces("We changed the parser and the tokenizer and the printer, too.")).hasSize(1);
        for (String sentence : new String[] {
            "So, in short, yes, it works, mostly, I think, for now, at least, here.",
            "First we open the file, then we read the header, then we check the version, then we parse the body, "
                    + "and finally we write the result back to the disk.",
        }) {
            for (String p : pieces(sentence)) {
                assertThat(ClauseSplitter.seconds(p)).as(p).isGreaterThanOrEqualTo(ClauseSplitter.MIN_SECONDS);
                assertThat(p.split("\\s+")).as(p).hasSizeGreaterThanOrEqualTo(ClauseSplitter.MIN_WORDS);
            }
        }
    }

    @Test
    void laterPiecesMergeClausesAndGrowAtMostTwofold() {
        List<String> p = pieces("First we open the file, then we read the header, then we check the version, then "
                + "we parse the body, and finally we write the result back to the disk.");
        assertThat(p).containsExactly("First we open the file,", "then we read the header, then we check the version,",
                "then we parse the body, and finally we write the result back to the disk.");
        for (int i = 1; i < p.size(); i++) {
            assertThat(ClauseSplitter.seconds(p.get(i))).isGreaterThan(ClauseSplitter.seconds(p.get(i - 1)))
                    .isLessThanOrEqualTo(ClauseSplitter.GROWTH * ClauseSplitter.seconds(p.get(i - 1)));
        }
        // the first piece is short: about a second of speech, far less than the sentence
        assertThat(ClauseSplitter.seconds(p.get(0))).isBetween(ClauseSplitter.FIRST_SECONDS, 2.0);
    }

    @Test
    void aClauseLongerThanTheLimitIsNeverCutInside() {
        List<String> p = pieces("Short clause right here and now, and then a very long clause that goes on and on about many "
                + "different things without any punctuation at all until it finally ends.");
        assertThat(p).containsExactly("Short clause right here and now,", "and then a very long clause that goes on and on about "
                + "many different things without any punctuation at all until it finally ends.");
    }

    @Test
    void numbersTimesAndHyphenatedWordsAreNeverCut() {
        assertThat(pieces("The total was 1,000,000 dollars, which is more than we expected from the campaign."))
                .containsExactly("The total was 1,000,000 dollars,", "which is more than we expected from the campaign.");
        assertThat(ClauseSplitter.boundaries("Version 3,5 of 10:30 and 1990–2000 or a well-known, x")).hasSize(1);
        assertThat(ClauseSplitter.boundaries("the range 1990 – 2000")).hasSize(1); // a spaced dash is a pause
        assertThat(ClauseSplitter.boundaries("see https://example.com:8080/a,b for it")).isEmpty();
        assertThat(ClauseSplitter.boundaries("合計1,000件と1，000件と1、000件")).isEmpty();
    }

    @Test
    void quotedAndBracketedSpansAreNeverCut() {
        assertThat(pieces("She said \"wait, stop, do not touch that button\" and then she left the room quietly."))
                .hasSize(1);
        assertThat(pieces("The tool (which, as you know, is quite old) still works fine on every machine we tried, "
                + "so we kept it.")).containsExactly("The tool (which, as you know, is quite old) still works fine on "
                + "every machine we tried,", "so we kept it.");
        assertThat(pieces("He called it ‘quick, cheap, and good’ in the meeting yesterday, but nobody believed him "
                + "at all.")).containsExactly("He called it ‘quick, cheap, and good’ in the meeting yesterday,",
                "but nobody believed him at all.");
        // an apostrophe is not a closing quote, and does not open anything either
        assertThat(pieces("It’s finally done after all these weeks, and we’re ready to ship the new version today."))
                .containsExactly("It’s finally done after all these weeks,", "and we’re ready to ship the new version today.");
        // a bracket that never closes: nothing after it is cut
        assertThat(ClauseSplitter.boundaries("Look (at this, and that, and more")).isEmpty();
        assertThat(ClauseSplitter.boundaries("[a, b], then c")).containsExactly(8);
    }

    @Test
    void japaneseIsCutAfterCommasAndMidSentenceStops() {
        assertThat(pieces("ファイルを更新したので、テストをもう一度実行して、結果を確認します。"))
                .containsExactly("ファイルを更新したので、", "テストをもう一度実行して、", "結果を確認します。");
        assertThat(pieces("ビルドが完了しました。次にテストを実行して結果を確認します。"))
                .containsExactly("ビルドが完了しました。", "次にテストを実行して結果を確認します。");
        assertThat(pieces("はい、わかりました。")).containsExactly("はい、わかりました。");
        assertThat(pieces("そうですね、それで大丈夫です。")).hasSize(1);
    }

    @Test
    void japaneseQuotesAndNumbersAreNeverCut() {
        assertThat(pieces("彼は「はい、そうです、それで大丈夫です」と言いましたが、実際にはまだ何も確認していませんでした。"))
                .containsExactly("彼は「はい、そうです、それで大丈夫です」と言いましたが、", "実際にはまだ何も確認していませんでした。");
        assertThat(pieces("合計は1,000件の変更で、そのうち12件のテストが失敗しましたが、残りは問題ありませんでした。"))
                .containsExactly("合計は1,000件の変更で、", "そのうち12件のテストが失敗しましたが、残りは問題ありませんでした。");
        assertThat(pieces("（詳しくは、設定ファイルの説明を読んでください、と書いてあります）")).hasSize(1);
        // a translation may use ASCII marks without a space in Japanese text: a boundary all the same
        assertThat(pieces("ファイルを更新したので,テストをもう一度実行して結果を確認します!"))
                .containsExactly("ファイルを更新したので,", "テストをもう一度実行して結果を確認します!");
        assertThat(ClauseSplitter.boundaries("合計1,000件,十時半に")).containsExactly(9);
        assertThat(ClauseSplitter.boundaries("合計1,000件,10:30に")).isEmpty(); // a digit after: maybe a number
    }

    @Test
    void germanAndMixedTextToo() {
        assertThat(pieces("Wenn der Build auf allen Plattformen fertig ist, können wir den Pull-Request "
                + "zusammenführen.")).containsExactly("Wenn der Build auf allen Plattformen fertig ist,",
                "können wir den Pull-Request zusammenführen.");
        assertThat(pieces("GitHub の設定を変更したあとで、もう一度 CI を実行してください。"))
                .containsExactly("GitHub の設定を変更したあとで、", "もう一度 CI を実行してください。");
    }

    @Test
    void speakingTimeIsEstimatedInMoraeAndSyllables() {
        assertThat(ClauseSplitter.seconds("ファイル")).isCloseTo(0.36, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ClauseSplitter.seconds("更新")).isCloseTo(0.48, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ClauseSplitter.seconds("hello world")).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ClauseSplitter.seconds("HTTP")).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ClauseSplitter.seconds("12")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ClauseSplitter.seconds(", ; 、")).isZero();
    }
}
