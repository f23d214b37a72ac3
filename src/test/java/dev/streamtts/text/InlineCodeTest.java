package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.text.InlineCode.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InlineCodeTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            npx tsx                        | npx tsx
            src/                           | src
            @langchain/anthropic           | langchain anthropic
            @langchain/core <0.4.0         | langchain core below 0.4.0
            @langchain/core < 0.4.0        | langchain core below 0.4.0
            ^1.3.0                         | 1.3.0 or later
            >=2.1                          | 2.1 or later
            <=2.1                          | 2.1 or earlier
            >2.1                           | above 2.1
            ~1.3.0                         | 1.3.0 or a later patch
            0.3.x                          | 0.3.x
            v0.0.10                        | v0.0.10
            left-pad@^1.3.0                | left-pad 1.3.0 or later
            snake_case                     | snake case
            IMPLEMENTATION_PLAN            | IMPLEMENTATION PLAN
            camelCase                      | camel case
            parseJSONFile()                | parse JSON file
            RundownEditorPage.jsx          | RundownEditorPage.jsx
            ctx.result                     | ctx.result
            .gitignore                     | dot gitignore
            .env.example                   | dot env.example
            .claude/plans/                 | dot claude plans
            archive/0003-replace-ai-sdk/   | 0003-replace-ai-sdk
            /:compId                       | comp id
            src/utils/index.ts             | utils index.ts
            --dry-run                      | dry-run
            $HOME                          | HOME
            #123                           | 123
            a && b                         | a and b
            https://www.example.com/x?y=1  | example.com
            me@example.com                 | me@example.com
            zeytinyağı                     | zeytinyağı
            drawCleanHUD                   | draw clean HUD
            Foo::bar                       | Foo bar
            -1                             | -1
            localhost:8080                 | localhost:8080
            GameState                      | game state
            "342 tests across 10 files"    | "342 tests across 10 files"
            """)
    void isReadAsWords(String code, String said) {
        assertThat(InlineCode.of(code)).isEqualTo(new InlineCode.Spoken(Kind.WORDS, said));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/(\\{[\\s\\S]*\\})/", "^\\d+$", "[a-z]+", "/^foo.*bar$/i", "(?:x)"})
    void regexesArePatterns(String code) {
        assertThat(InlineCode.of(code).kind()).isEqualTo(Kind.PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b?.c ?? d", "x = 1", "foo(bar)", "TZ=Asia/Tokyo", "cat log | grep error",
        "git log --oneline --graph --decorate --all --since yesterday", "const { a } = b"})
    void expressionsAndLongCommandsAreCode(String code) {
        assertThat(InlineCode.of(code).kind()).isEqualTo(Kind.CODE);
    }
}
