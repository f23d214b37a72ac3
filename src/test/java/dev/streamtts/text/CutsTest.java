package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CutsTest {
    private static final String[][] MARKS = {{". ", "? "}, {", "}, {" "}};

    @Test
    void cutsAfterTheLastMarkOfTheFirstGroupThatHasOneInRange() {
        String text = "One two. Three, four? Five six, seven eight";
        // the last sentence mark before 30 wins over the later comma
        assertThat(Cuts.afterLastMark(text, 0, 30, MARKS)).isEqualTo(text.indexOf("? ") + 2);
        // no sentence mark in [10, 18): the comma group decides
        assertThat(Cuts.afterLastMark(text, 10, 18, MARKS)).isEqualTo(text.indexOf(", ") + 2);
    }

    @Test
    void aMarkBeforeTheMinimumOrRunningPastTheLimitDoesNotCount() {
        String text = "Hi. This part has no clause marks at all";
        assertThat(Cuts.afterLastMark(text, 5, 20, new String[][] {{". "}})).isEqualTo(-1);
        assertThat(Cuts.afterLastMark(text, 0, 3, new String[][] {{". "}})).isEqualTo(-1); // ". " would end at 4
        assertThat(Cuts.afterLastMark(text, 0, 4, new String[][] {{". "}})).isEqualTo(4);
    }
}
