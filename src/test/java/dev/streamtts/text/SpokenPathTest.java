package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpokenPathTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            src/main/java/App.java        | App.java
            show-controller/src/pages/    | src pages
            .claude/plans/                | dot claude plans
            ~/.config                     | dot config
            /tmp                          | tmp
            ./docs                        | docs
            packages/core/src             | core src
            src/components/index.tsx      | components index.tsx
            src/App.java:42               | App.java
            /                             | root
            """)
    void keepsTheLastPartOrTwoWhenTheLastSaysLittle(String path, String said) {
        assertThat(SpokenPath.spoken(path)).isEqualTo(said);
    }
}
