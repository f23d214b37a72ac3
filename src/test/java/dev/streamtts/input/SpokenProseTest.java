package dev.streamtts.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What is said for assistant lines as Claude Code writes them (issue 13): each line here is one that
 * read badly before, with inline code, dot names, all-capitals words and paths in the prose.
 */
class SpokenProseTest {

    private static List<String> said(String line) {
        return Prose.bytes((line.strip() + "\n").getBytes(StandardCharsets.UTF_8)).sentences;
    }

    @Test
    void inlineCodeIsReadAsWordsSoNoSentenceHasAHole() {
        assertThat(said("""
                {"type":"assistant","message":{"model":"claude-opus-4-6","id":"msg_01A","type":"message","role":"assistant","content":[{"type":"text","text":"Good — the tsconfig only compiles `src/`, and examples run via `npx tsx`."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"s1","uuid":"u1"}
                """)).containsExactly("Good — the tsconfig only compiles src, and examples run via npx tsx.");
    }

    @Test
    void packagesVersionsAndRangesAreSaidAsSuch() {
        assertThat(said("""
                {"type":"assistant","message":{"model":"claude-opus-4-6","id":"msg_01B","type":"message","role":"assistant","content":[{"type":"text","text":"The `@langchain/anthropic` has a peer dependency issue — version `0.3.x` needs `@langchain/core <0.4.0` but we have `1.1.27`. Pin it to `^1.3.0`."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"s1","uuid":"u2"}
                """)).containsExactly(
                        "The langchain anthropic has a peer dependency issue — version 0.3.x needs langchain core below 0.4.0 "
                                + "but we have 1.1.27.",
                        "Pin it to 1.3.0 or later.");
    }

    @Test
    void aRegexAloneInBracketsGoesWithItsBrackets() {
        assertThat(said("""
                {"type":"assistant","message":{"model":"claude-opus-4-6","id":"msg_01C","type":"message","role":"assistant","content":[{"type":"text","text":"1. **07-verification.ts**: Has a fallback regex (`/(\\\\{[\\\\s\\\\S]*\\\\})/`) not specified in SPEC-02\\n2. Otherwise `ctx.result.match(/x+/)` is fine"}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"s1","uuid":"u3"}
                """)).containsExactly("07-verification.ts: Has a fallback regex not specified in SPEC-02",
                        "Otherwise this code is fine");
    }

    @Test
    void namesThatStartWithADotKeepTheirSpaceAndAreSaidWithDot() {
        assertThat(said("""
                {"type":"assistant","message":{"model":"claude-opus-4-6","id":"msg_01D","type":"message","role":"assistant","content":[{"type":"text","text":"Check the .gitignore and the .env file. Also `.env.example`, `.github/workflows/ci.yml` and .npmrc."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"s1","uuid":"u4"}
                """)).containsExactly("Check the dot gitignore and the dot env file.",
                        "Also dot env.example, ci.yml and dot npmrc.");
    }

    @Test
    void aSentenceEndsAfterAnAllCapitalsWord() {
        assertThat(said("""
                {"type":"assistant","message":{"model":"claude-opus-4-6","id":"msg_01E","type":"message","role":"assistant","content":[{"type":"text","text":"All 129 tests pass, and the latest tag `v0.0.10` sits on HEAD. There are no new commits to make. It works OK. Take option B. Ask Dr. Lee in the U.S. office."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"s1","uuid":"u5"}
                """)).containsExactly("All 129 tests pass, and the latest tag v0.0.10 sits on HEAD.",
                        "There are no new commits to make.", "It works OK.", "Take option B.",
                        "Ask Dr. Lee in the U.S. office.");
    }

    @Test
    void aPathWhoseLastPartSaysLittleKeepsOneMore() {
        assertThat(said("""
                {"type":"assistant","message":{"model":"claude-opus-4-6","id":"msg_01F","type":"message","role":"assistant","content":[{"type":"text","text":"**Untracked files** (`.claude/plans/`, `archive/0003-replace-ai-sdk/`) are artifacts; see src/utils/index.ts and `show-controller/src/pages/RundownEditorPage.jsx`."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"s1","uuid":"u6"}
                """)).containsExactly("Untracked files (dot claude plans, 0003-replace-ai-sdk) are artifacts; "
                        + "see utils index.ts and RundownEditorPage.jsx.");
    }

    @Test
    void identifiersAreSplitIntoWords() {
        assertThat(said("""
                {"type":"assistant","message":{"model":"claude-opus-4-6","id":"msg_01G","type":"message","role":"assistant","content":[{"type":"text","text":"The route goes inside the `/:compId` group; rename `snake_case` to `camelCase` in `IMPLEMENTATION_PLAN.md`."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}},"parent_tool_use_id":null,"session_id":"s1","uuid":"u7"}
                """)).containsExactly("The route goes inside the comp id group; rename snake case to camel case in "
                        + "IMPLEMENTATION_PLAN.md.");
    }
}
