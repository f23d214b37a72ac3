package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.input.Recorded;
import dev.streamtts.input.ToolCall;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityPhrasesTest {
    private final ActivityPhrases phrases = new ActivityPhrases();

    private String phraseOf(String toolUseLine) {
        List<ToolCall> c = Recorded.of(new ByteArrayInputStream(toolUseLine.getBytes(StandardCharsets.UTF_8))).calls;
        assertThat(c).hasSize(1);
        return phrases.phrase(c.get(0));
    }

    private static String line(String name, String input) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_" + name.hashCode() + input.hashCode()
                + "\",\"name\":\"" + name + "\",\"input\":" + input + "}]},\"parent_tool_use_id\":null}\n";
    }

    @Test
    void eachToolKindOfARealStreamIsNamedInAFewWords() {
        List<ToolCall> calls = Recorded.resource("activity.jsonl").calls;
        assertThat(calls).extracting(phrases::phrase).containsExactly(
                "Reading README.md", "Reading Pipeline.java", "Searching the code for parser", "Looking for java files",
                "Editing Pipeline.java", "Writing NOTES.md", "Running the tests", "Committing the changes",
                "Updating the to-do list", "Starting a helper agent", "Fetching a page from docs.example.org",
                "Calling create issue on github");
    }

    @Test
    void aCommandIsNamedByWhatItDoesOrItsFirstWordNeverWhole() {
        assertThat(phraseOf(line("Bash", "{\"command\":\"bun run test 2>&1 | tail -15\",\"description\":\"Run tests\"}")))
                .isEqualTo("Running the tests");
        assertThat(phraseOf(line("Bash", "{\"command\":\"pnpm test 2>&1\",\"timeout\":120000}"))).isEqualTo("Running the tests");
        assertThat(phraseOf(line("Bash", "{\"command\":\"npm test\"}"))).isEqualTo("Running the tests");
        assertThat(phraseOf(line("Bash", "{\"command\":\"mvn -q test\"}"))).isEqualTo("Running the tests");
        assertThat(phraseOf(line("Bash", "{\"command\":\"python3 -m pytest -x tests/\"}"))).isEqualTo("Running the tests");
        assertThat(phraseOf(line("Bash", "{\"command\":\"pnpm build 2>&1\"}"))).isEqualTo("Building the project");
        assertThat(phraseOf(line("Bash", "{\"command\":\"bun run typecheck 2>&1 | tail -5\"}"))).isEqualTo("Checking the types");
        assertThat(phraseOf(line("Bash", "{\"command\":\"npm install\"}"))).isEqualTo("Installing dependencies");
        assertThat(phraseOf(line("Bash", "{\"command\":\"cd /Users/x/lib && git log --oneline -20\"}")))
                .isEqualTo("Looking at the history");
        assertThat(phraseOf(line("Bash", "{\"command\":\"git -C /home/x/agent tag --list\"}"))).isEqualTo("Running git tag");
        assertThat(phraseOf(line("Bash", "{\"command\":\"git status --short\"}"))).isEqualTo("Checking the repository's status");
        assertThat(phraseOf(line("Bash", "{\"command\":\"cat \\\"/tmp/capture/pantry.txt\\\"\"}"))).isEqualTo("Reading pantry.txt");
        assertThat(phraseOf(line("Bash", "{\"command\":\"ls -la archive/0003-replace-ai-sdk/\"}"))).isEqualTo("Listing files");
        assertThat(phraseOf(line("Bash", "{\"command\":\"find tests -name \\\"*.test.ts\\\" | sort\"}"))).isEqualTo("Looking for files");
        assertThat(phraseOf(line("Bash", "{\"command\":\"FOO=1 sudo docker compose up -d --build\"}"))).isEqualTo("Running docker");
        assertThat(phraseOf(line("Bash", "{\"command\":\"./scripts/deploy.sh --prod\"}"))).isEqualTo("Running deploy");
        assertThat(phraseOf(line("Bash", "{\"command\":\"$(weird) | x\"}"))).isEqualTo("Running a command");
        assertThat(phraseOf(line("Bash", "{\"command\":\"cat <<'EOF' > /tmp/x\\nsecret body\\nEOF\"}"))).doesNotContain("secret");
    }

    @Test
    void namesAreSaidAsProseSaysThem() {
        // The file's name, with its folder when the name alone says little; a dot name with "dot".
        assertThat(phraseOf(line("Read", "{\"file_path\":\"/home/x/agent/.gitignore\"}"))).isEqualTo("Reading dot gitignore");
        assertThat(phraseOf(line("Edit", "{\"file_path\":\"/w/src/utils/index.ts\",\"old_string\":\"a\"}")))
                .isEqualTo("Editing utils index.ts");
        assertThat(phraseOf(line("Grep", "{\"pattern\":\"parse_config\"}"))).isEqualTo("Searching the code for parse config");
    }

    @Test
    void searchesSayTheirTermWhenItIsAWordAndFileSearchesTheirKind() {
        assertThat(phraseOf(line("Grep", "{\"pattern\":\"this\\\\.drawHUD\\\\(\",\"output_mode\":\"content\"}")))
                .isEqualTo("Searching the code");
        assertThat(phraseOf(line("Grep", "{\"pattern\":\"lastFood|ateFood\"}"))).isEqualTo("Searching the code for last food or ate food");
        assertThat(phraseOf(line("Grep", "{\"pattern\":\"drawHUD|drawDigit|HUD|score\"}")))
                .isEqualTo("Searching the code for draw HUD and other terms");
        assertThat(phraseOf(line("Grep", "{\"pattern\":\"^\\\\s*import .*$\"}"))).isEqualTo("Searching the code");
        assertThat(phraseOf(line("Glob", "{\"pattern\":\".env.example\"}"))).isEqualTo("Looking for dot env.example");
        assertThat(phraseOf(line("Glob", "{\"pattern\":\"src/**/*.{ts,tsx}\"}"))).isEqualTo("Looking for files");
        assertThat(phraseOf(line("Glob", "{\"pattern\":\"examples/**/*\"}"))).isEqualTo("Looking for files");
    }

    @Test
    void agentsWebAndOtherToolsAreNamedWithoutTheirPrompts() {
        assertThat(phraseOf(line("Agent", "{\"description\":\"Analyze pantry word cipher\",\"subagent_type\":"
                + "\"general-purpose\",\"prompt\":\"Read pantry.txt\"}"))).isEqualTo("Starting a helper agent");
        assertThat(phraseOf(line("WebSearch", "{\"query\":\"commonmark java inline code\"}")))
                .isEqualTo("Searching the web for commonmark java inline code");
        assertThat(phraseOf(line("WebFetch", "{\"url\":\"https://www.example.com/a?b=c\",\"prompt\":\"Summarize\"}")))
                .isEqualTo("Fetching a page from example.com");
        assertThat(phraseOf(line("mcp__claude_ai_Gmail__searchThreads", "{\"query\":\"from:me\"}")))
                .isEqualTo("Calling search threads on claude ai gmail");
        assertThat(phraseOf(line("NotebookEdit", "{\"notebook_path\":\"/w/analysis.ipynb\",\"new_source\":\"x\"}")))
                .isEqualTo("Editing analysis.ipynb");
        assertThat(phraseOf(line("Skill", "{\"skill\":\"pdf\"}"))).isEqualTo("Using the pdf skill");
        assertThat(phraseOf(line("SomeFutureTool", "{}"))).isEqualTo("Using some future tool");
    }

    @Test
    void aBurstIsOnePhraseThatCountsItsFilesAndJoinsItsKinds() {
        ToolCall readme = read("/a/README.md");
        ToolCall pom = read("/a/pom.xml");
        ToolCall main = read("/a/Main.java");
        ToolCall edit = new ToolCall("e", "Edit", Map.of("file_path", "/a/Pipeline.java"));
        ToolCall tests = new ToolCall("t", "Bash", Map.of("command", "mvn test"));
        assertThat(phrases.phrase(List.of(readme, pom, main))).isEqualTo("Reading three files");
        assertThat(phrases.phrase(List.of(readme, readme))).isEqualTo("Reading README.md");
        assertThat(phrases.phrase(List.of(readme, pom, edit, edit))).isEqualTo("Reading two files and editing Pipeline.java");
        assertThat(phrases.phrase(List.of(readme, edit, tests))).isEqualTo("Reading README.md, editing Pipeline.java and running the tests");
        ToolCall agent = new ToolCall("a", "Task", Map.of());
        assertThat(phrases.phrase(List.of(agent, agent, agent))).isEqualTo("Starting three helper agents");
        ToolCall todo = new ToolCall("d", "TodoWrite", Map.of());
        ToolCall web = new ToolCall("w", "WebFetch", Map.of("url", "https://x.org/"));
        assertThat(phrases.phrase(List.of(readme, edit, tests, todo, web)))
                .isEqualTo("Reading README.md, editing Pipeline.java and three other things");
    }

    private static ToolCall read(String path) {
        return new ToolCall("r" + path, "Read", Map.of("file_path", path));
    }

    /** Whatever a tool's input holds, its phrase is short, one line, and never a field's long text. */
    @Test
    void anyInputGivesAShortPhraseOfOneLine() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(13);
        String alphabet = "ab Z9_-./\\*?{}|()[]^$&;<>\"'`~=:@#%\n\t\u0000\u00e9\u3042";
        List<String> tools = List.of("Read", "Write", "Edit", "Bash", "Grep", "Glob", "Task", "WebFetch", "WebSearch",
                "Skill", "mcp__", "mcp__x__", "mcp____y", "Unknown", "");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(random.nextBoolean() ? 12 : 400);
            for (int k = 0; k < length; k++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Map<String, String> input = new java.util.HashMap<>();
            for (String key : ToolCall.KEY_FIELDS) {
                if (random.nextInt(3) == 0) {
                    input.put(key, value.toString());
                }
            }
            String tool = tools.get(random.nextInt(tools.size()));
            String phrase = phrases.phrase(new ToolCall("id", tool.isEmpty() ? value.toString() : tool, input));
            assertThat(phrase).as("%s %s", tool, input).isNotBlank().hasSizeLessThanOrEqualTo(160)
                    .doesNotContain("\n", "\u0000");
        }
    }
}
