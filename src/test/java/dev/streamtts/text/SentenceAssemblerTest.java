package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SentenceAssemblerTest {
    private final List<String> out = new ArrayList<>();
    private final SentenceAssembler assembler =
            new SentenceAssembler(TextOptions.defaults(), s -> out.add(s.text()));

    private List<String> whole(String markdown) {
        assembler.append("b", markdown, 0);
        assembler.endBlock("b", 0);
        return out;
    }

    @Test
    void codeBlocksAreNeverRead() {
        assertThat(whole("Here is the fix:\n\n```java\nint x = 1; // Do not read me.\n```\n\nThat should work."))
                .containsExactly("Here is the fix:", "That should work.");
    }

    @Test
    void indentedCodeIsSkippedToo() {
        assertThat(whole("Run this.\n\n    rm -rf build. Then this.\n\nDone."))
                .containsExactly("Run this.", "Done.");
    }

    @Test
    void codeBlocksCanBeAnnounced() {
        List<String> got = new ArrayList<>();
        SentenceAssembler announcing = new SentenceAssembler(
                new TextOptions(CodeBlockPolicy.ANNOUNCE, "Code omitted.", 300, Locale.ENGLISH), s -> got.add(s.text()));
        announcing.append("b", "Look:\n```\nx()\n```\nNice.", 0);
        announcing.flush(0);
        assertThat(got).containsExactly("Look:", "Code omitted.", "Nice.");
    }

    @Test
    void inlineCodeIsReadAsWords() {
        assertThat(whole("Install `npm` and call `useState()`, then run `npm install --save left-pad` now."))
                .containsExactly("Install npm and call use state, then run npm install save left-pad now.");
    }

    @Test
    void inlineCodeThatCannotBeReadIsNamedAndAloneInBracketsGoesWithThem() {
        assertThat(whole("Drop (`/(\\{[\\s\\S]*\\})/`) it. "
                + "Match it with `^\\d+$` or the `a.b?.c ?? d` expression, then run `x | y > z`."))
                .containsExactly("Drop it.", "Match it with a pattern or the code expression, then run this code.");
    }

    @Test
    void linksKeepTheirTextAndUrlsBecomeHosts() {
        assertThat(whole("See [the guide](https://example.com/guide) or https://www.github.com/foo/bar?x=1 for more."))
                .containsExactly("See the guide or github.com for more.");
    }

    @Test
    void pathsBecomeFileNamesButWordsWithSlashesStay() {
        assertThat(whole("I edited src/main/java/App.java and ./run.sh (and/or TCP/IP notes in docs/NOTES.md)."))
                .containsExactly("I edited App.java and run.sh (and/or TCP/IP notes in NOTES.md).");
    }

    @Test
    void headingsAndListItemsAreSentencesOfTheirOwn() {
        assertThat(whole("## Summary\nThe build passes\n\n- fixed the parser\n- added tests\n\n1. first step\n2. second"))
                .containsExactly("Summary", "The build passes", "fixed the parser", "added tests", "first step", "second");
    }

    @Test
    void tablesAndHtmlAreSkippedAndEmphasisAndEmojiStripped() {
        assertThat(whole("| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>html</div>\n\n**Bold** and _soft_ ✅ work 🎉👍🏽. ~~Old~~ new."))
                .containsExactly("Bold and soft work.", "Old new.");
    }

    @Test
    void latinAbbreviationsAreSpelledOut() {
        assertThat(whole("Use a tool, e.g. jq. Stick to one, i.e. the first."))
                .containsExactly("Use a tool, for example jq.", "Stick to one, that is the first.");
    }

    @Test
    void sentenceBreaksRespectTitlesNumbersAndFileNames() {
        assertThat(whole("Dr. Smith and Prof. Lee read config.yaml. Version 1.2.3 costs $3.50 today! Is 3.14 pi? Yes."))
                .containsExactly("Dr. Smith and Prof. Lee read config.yaml.", "Version 1.2.3 costs $3.50 today!",
                        "Is 3.14 pi?", "Yes.");
    }

    @Test
    void aSentenceEndsAfterAWordInCapitalsThatEndsLikeAnAbbreviation() {
        // ICU's own filter took "HEAD." for CLDR's "AD." and "TODO." for "Do."
        assertThat(whole("It sits on HEAD. There is a TODO. Then it works OK. See Fig. 2 in the Jan. report."))
                .containsExactly("It sits on HEAD.", "There is a TODO.", "Then it works OK.",
                        "See Fig. 2 in the Jan. report.");
    }

    @Test
    void japanesePunctuationEndsSentences() {
        assertThat(whole("ファイルを更新しました。テストは通りました！次は何をしますか？"))
                .containsExactly("ファイルを更新しました。", "テストは通りました！", "次は何をしますか？");
    }

    @Test
    void fragmentsWithoutLettersAreDropped() {
        assertThat(whole("OK.\n\n---\n\n1. 2. 3.\n\n!!!\n\nDone.")).containsExactly("OK.", "Done.");
    }

    @Test
    void veryLongSentencesAreCutAtClauseBoundaries() {
        String clause = "the reader keeps every line it receives in order";
        String longSentence = String.join(", ", List.of(clause, clause, clause, clause, clause, clause, clause, clause)) + ".";
        List<String> got = whole(longSentence);
        assertThat(got).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(300));
        assertThat(got.get(0)).endsWith(",");
        assertThat(String.join(" ", got)).isEqualTo(longSentence);
    }

    @Test
    void streamingReleasesSentencesEarlyAndHoldsTheTail() {
        assembler.append("b", "First sentence. Sec", 1);
        assertThat(out).containsExactly("First sentence.");
        assembler.append("b", "ond sentence", 2);
        assertThat(out).containsExactly("First sentence.");
        assembler.endBlock("b", 3);
        assertThat(out).containsExactly("First sentence.", "Second sentence");
    }

    @Test
    void streamingCharacterByCharacterGivesTheSameSentencesAsTheWholeBlock() {
        String md = "# Plan\n\nI will read `Main.java` first. Then e.g. the tests.\n\n```bash\nmvn test. Not this.\n```\n\n"
                + "- Item one. Still one\n- Item two\n\n| x | y |\n|---|---|\n| no. | no. |\n\nThe end? Yes!";
        List<String> expected = new ArrayList<>(whole(md));
        out.clear();
        for (int i = 0; i < md.length(); i++) {
            assembler.append("s", md.substring(i, i + 1), i);
        }
        assembler.flush(md.length());
        assertThat(out).isEqualTo(expected);
        assertThat(expected).containsExactly("Plan", "I will read Main.java first.", "Then for example the tests.",
                "Item one.", "Still one", "Item two", "The end?", "Yes!");
    }

    @Test
    void theSentenceBeforeACodeBlockIsNotHeldWhileTheCodeStreams() {
        assembler.append("b", "Here is the patch:\n\n```diff\n- old line\n", 1);
        assertThat(out).containsExactly("Here is the patch:");
    }

    @Test
    void eachSentenceCarriesTheArrivalTimeOfItsLastCharacter() {
        List<SentenceText> timed = new ArrayList<>();
        SentenceAssembler a = new SentenceAssembler(TextOptions.defaults(), timed::add);
        a.append("b", "One two", 100);
        a.append("b", " three.", 200);
        a.append("b", " Four", 300);
        a.flush(400);
        assertThat(timed).extracting(SentenceText::lastInputNanos).containsExactly(200L, 300L);
    }

    @Test
    void blocksAreIndependent() {
        assembler.append("a", "Alpha one. Alpha", 0);
        assembler.append("b", "Beta.", 0);
        assembler.endBlock("b", 0);
        assembler.flush(0);
        assertThat(out).containsExactly("Alpha one.", "Beta.", "Alpha");
    }
}
