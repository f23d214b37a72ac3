package dev.streamtts.text;

import dev.streamtts.text.ActivityPhrases.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names a shell command (the Bash tool) by what a well-known one does ("Running the tests", "Committing the
 * changes") or by its first word ("Running docker"); never by the whole command.
 */
final class CommandPhrase {
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Set<String> WRAPPERS = Set.of("sudo", "time", "env", "nice", "nohup", "exec", "command");
    private static final Set<String> SETUP = Set.of("cd", "pushd", "export", "source", ".", "set", "true");
    private static final Set<String> RUNNERS = Set.of("mvn", "mvnw", "gradle", "gradlew", "npm", "pnpm", "yarn",
            "bun", "npx", "bunx", "cargo", "go", "make", "dotnet", "deno", "mix", "sbt", "swift", "uv", "poetry");
    private static final Set<String> TEST_TOOLS = Set.of("pytest", "jest", "vitest", "tox", "ctest", "rspec",
            "phpunit", "mocha", "test");

    private CommandPhrase() {
    }

    /** What a Bash call does, from its command (null: none given). */
    static Action of(String command) {
        List<String> words = firstCommand(command);
        if (words.isEmpty()) {
            return run("Running a command");
        }
        String tool = baseName(words.get(0));
        List<String> args = words.subList(1, words.size()).stream().filter(w -> !w.startsWith("-")).toList();
        String sub = args.isEmpty() ? "" : args.get(0);
        String sub2 = args.size() > 1 ? args.get(1) : "";
        if (tool.equals("git")) {
            return run(git(gitSubcommand(words)));
        }
        boolean builtinTest = words.get(0).equals("test"); // the shell's test, not scripts/test
        if (!builtinTest && TEST_TOOLS.contains(tool)
                || RUNNERS.contains(tool) && (isTest(sub) || sub.equals("run") && isTest(sub2)
                || tool.startsWith("mvn") && args.stream().anyMatch(a -> a.equals("test") || a.equals("verify")))
                || tool.startsWith("python") && (words.contains("pytest") || words.contains("unittest"))) {
            return run("Running the tests");
        }
        if (RUNNERS.contains(tool)) {
            String task = sub.equals("run") ? sub2 : sub;
            if (task.startsWith("type") || task.equals("tsc")) {
                return run("Checking the types");
            }
            if (task.startsWith("lint") || task.equals("clippy")) {
                return run("Running the linter");
            }
            if (task.equals("install") || task.equals("i") || task.equals("add") || task.equals("ci")
                    || tool.equals("yarn") && args.isEmpty()) {
                return run("Installing dependencies");
            }
            if (task.startsWith("build") || task.equals("compile") || task.equals("package") || tool.equals("make")) {
                return run("Building the project");
            }
        }
        switch (tool) {
            case "tsc":
                return run("Checking the types");
            case "eslint", "ruff", "flake8", "pylint":
                return run("Running the linter");
            case "pip", "pip3":
                return run(sub.equals("install") ? "Installing dependencies" : "Running pip");
            case "ls", "tree":
                return new Action(ActivityPhrases.Kind.FIND, "Listing files", null);
            case "find", "fd":
                return new Action(ActivityPhrases.Kind.FIND, "Looking for files", null);
            case "grep", "rg", "ag":
                return new Action(ActivityPhrases.Kind.SEARCH, "Searching the code", null);
            case "cat", "head", "tail", "less":
                String file = args.isEmpty() ? null : ActivityPhrases.spokenFile(args.get(args.size() - 1));
                return file == null ? run("Running " + tool) : new Action(ActivityPhrases.Kind.READ, "Reading " + file, file);
            case "wc":
                return run("Counting lines");
            case "mkdir":
                return run("Creating a folder");
            case "rm":
                return run("Deleting files");
            default:
                return run(ActivityPhrases.plain(tool) != null ? "Running " + tool : "Running a command");
        }
    }

    private static Action run(String phrase) {
        return new Action(ActivityPhrases.Kind.RUN, phrase, phrase); // the tests run twice are one thing to say
    }

    private static String git(String sub) {
        return switch (sub) {
            case "commit" -> "Committing the changes";
            case "push" -> "Pushing the changes";
            case "pull", "fetch" -> "Fetching the latest changes";
            case "status" -> "Checking the repository's status";
            case "diff", "show" -> "Looking at the changes";
            case "log" -> "Looking at the history";
            case "add" -> "Staging the changes";
            case "checkout", "switch", "branch" -> "Working with branches";
            default -> ActivityPhrases.plain(sub) != null ? "Running git " + sub : "Running git";
        };
    }

    /** git's subcommand, past its own options ({@code git -C dir tag --list} → tag). */
    private static String gitSubcommand(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-C") || w.equals("-c") || w.equals("--git-dir") || w.equals("--work-tree")) {
                i++;
            } else if (!w.startsWith("-")) {
                return w;
            }
        }
        return "";
    }

    private static boolean isTest(String task) {
        return task.equals("test") || task.equals("tests") || task.startsWith("test:") || TEST_TOOLS.contains(task);
    }

    /**
     * The words of the first command that does the work: {@code cd dir && FOO=1 sudo mvn test | tail} →
     * [mvn, test]. Splits on the shell's separators and pipes only; quoting is not interpreted beyond
     * stripping quotes, which is enough to find a command's name.
     */
    static List<String> firstCommand(String command) {
        if (command == null) {
            return List.of();
        }
        String firstLine = command.strip().lines().findFirst().orElse("");
        for (String part : firstLine.split("&&|\\|\\||[;|&]")) {
            List<String> words = new ArrayList<>();
            for (String w : part.strip().split("\\s+")) {
                String word = w.replaceAll("^[\"'(]+|[\"')]+$", "");
                if (word.isEmpty() || words.isEmpty() && (ASSIGNMENT.matcher(word).matches() || WRAPPERS.contains(word))) {
                    continue;
                }
                if (word.matches("\\d*[<>].*")) {
                    break; // a redirection: the command's words are over
                }
                words.add(word);
            }
            if (!words.isEmpty() && !SETUP.contains(words.get(0))) {
                return words;
            }
        }
        return List.of();
    }

    private static String baseName(String word) {
        String name = word.substring(word.lastIndexOf('/') + 1);
        return name.endsWith(".sh") ? name.substring(0, name.length() - 3) : name;
    }
}
