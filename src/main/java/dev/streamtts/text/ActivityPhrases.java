package dev.streamtts.text;

import dev.streamtts.input.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names the main agent's tool calls in a few English words, from the tool's name and one key input field:
 * "Reading README.md", "Running the tests", "Searching the code for parser". Never the whole command, never
 * an edit's text. A burst of calls becomes one phrase ("Reading three files and editing Pipeline.java").
 * The phrases are English on purpose: they are translated like the prose.
 */
public final class ActivityPhrases {
    /** A word that can be spoken as it is: a command's name, a search term, a file's extension. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._+-]{0,29}");
    private static final Pattern PLAIN_TERM = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N} _.-]{0,39}");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[_\\-\\s]+");
    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve"};

    /** What a call does. Calls of one kind merge; {@code plural} names several ({@code %s}: how many). */
    enum Kind {
        READ("Reading %s files"), WRITE("Writing %s files"), EDIT("Editing %s files"),
        RUN("Running %s commands"), SEARCH("Searching the code"), FIND("Looking for files"),
        AGENT("Starting %s helper agents"), TASKS("Updating the to-do list"), WEB("Fetching %s web pages"),
        WEB_SEARCH("Searching the web"), TOOL("Using %s tools");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }
    }

    /**
     * One call, named.
     *
     * @param subject what it works on, for counting a burst (a file, a command's phrase); null: each call
     *                counts
     */
    record Action(Kind kind, String phrase, String subject) {
    }

    /** The phrase for one call, without a full stop. */
    public String phrase(ToolCall call) {
        return action(call).phrase();
    }

    /** One phrase for calls made close together (at least one), in the order they came; without a full stop. */
    public String phrase(List<ToolCall> calls) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("no tool calls to name");
        }
        Map<Kind, List<Action>> groups = new LinkedHashMap<>();
        for (ToolCall call : calls) {
            Action a = action(call);
            groups.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Kind, List<Action>> g : groups.entrySet()) {
            parts.add(group(g.getKey(), g.getValue()));
        }
        if (parts.size() > 3) {
            int rest = parts.size() - 2;
            parts = new ArrayList<>(parts.subList(0, 2));
            parts.add(count(rest) + " other things");
        }
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            out.append(i == parts.size() - 1 ? " and " : ", ").append(lowerFirst(parts.get(i)));
        }
        return out.toString();
    }

    private static String group(Kind kind, List<Action> actions) {
        Set<String> phrases = new LinkedHashSet<>();
        Set<String> subjects = new LinkedHashSet<>();
        int unnamed = 0;
        for (Action a : actions) {
            phrases.add(a.phrase());
            if (a.subject() != null) {
                subjects.add(a.subject());
            } else {
                unnamed++;
            }
        }
        int items = subjects.size() + unnamed;
        boolean counts = kind.plural.contains("%s");
        if (phrases.size() == 1 && (items == 1 || !counts)) {
            return phrases.iterator().next(); // the same file read twice is one file
        }
        return counts ? String.format(Locale.ROOT, kind.plural, count(items)) : kind.plural;
    }

    Action action(ToolCall call) {
        String name = call.name();
        if (name.startsWith("mcp__")) {
            return mcp(name);
        }
        return switch (name) {
            case "Read", "NotebookRead" -> file(Kind.READ, "Reading", call.field("file_path"), call.field("notebook_path"));
            case "Write" -> file(Kind.WRITE, "Writing", call.field("file_path"), null);
            case "Edit", "MultiEdit", "NotebookEdit" ->
                    file(Kind.EDIT, "Editing", call.field("file_path"), call.field("notebook_path"));
            case "Bash" -> CommandPhrase.of(call.field("command"));
            case "Grep" -> search(call.field("pattern"));
            case "Glob" -> glob(call.field("pattern"));
            case "LS" -> new Action(Kind.FIND, "Listing files", null);
            case "Task", "Agent" -> new Action(Kind.AGENT, "Starting a helper agent", null);
            case "TodoWrite" -> new Action(Kind.TASKS, "Updating the to-do list", null);
            case "TodoRead" -> new Action(Kind.TASKS, "Checking the to-do list", null);
            case "TaskCreate", "TaskUpdate" -> new Action(Kind.TASKS, "Updating the task list", null);
            case "TaskList", "TaskGet" -> new Action(Kind.TASKS, "Checking the task list", null);
            case "WebFetch" -> web(call.field("url"));
            case "WebSearch" -> webSearch(call.field("query"));
            case "Skill" -> tool(plain(call.field("skill")) != null ? "Using the " + call.field("skill") + " skill"
                    : "Using a skill");
            case "AskUserQuestion" -> tool("Asking you a question");
            case "ExitPlanMode" -> tool("Presenting a plan");
            case "BashOutput", "TaskOutput" -> tool("Checking on a background task");
            case "KillShell", "KillBash", "TaskStop" -> tool("Stopping a background task");
            case "SlashCommand" -> tool("Running a slash command");
            default -> tool(words(name).isEmpty() ? "Using a tool" : "Using " + words(name));
        };
    }

    private static Action tool(String phrase) {
        return new Action(Kind.TOOL, phrase, phrase);
    }

    private static Action file(Kind kind, String verb, String path, String otherPath) {
        String name = spokenFile(path != null ? path : otherPath);
        return new Action(kind, verb + " " + (name == null ? "a file" : name), name);
    }

    /**
     * A path as prose says it ({@link SpokenPath}: its file name, with its folder when the name alone says
     * little, a dot name with "dot"), or null when there is none worth saying.
     */
    static String spokenFile(String path) {
        if (path == null) {
            return null;
        }
        String p = path.strip();
        String last = p.replaceAll("[/\\\\]+$", "");
        last = last.substring(Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\')) + 1);
        if (last.isEmpty() || last.length() > 60 || p.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return SpokenPath.spoken(p);
    }

    private static Action search(String pattern) {
        String term = searchTerm(pattern);
        return new Action(Kind.SEARCH, term == null ? "Searching the code" : "Searching the code for " + term, null);
    }

    /**
     * The word or words a regex searches for, read as inline code is ("drawHUD" → "draw HUD"; "lastFood or
     * ateFood"; "drawHUD and other terms"), or null for a real pattern.
     */
    static String searchTerm(String pattern) {
        if (pattern == null) {
            return null;
        }
        String[] alternatives = pattern.replaceAll("\\\\(.)", "$1").split("\\|", -1);
        List<String> said = new ArrayList<>();
        for (String a : alternatives) {
            InlineCode.Spoken spoken = PLAIN_TERM.matcher(a.strip()).matches() ? InlineCode.of(a) : null;
            if (spoken == null || spoken.kind() != InlineCode.Kind.WORDS || spoken.words().isBlank()) {
                return null;
            }
            said.add(spoken.words());
        }
        return said.size() == 1 ? said.get(0)
                : said.size() == 2 ? said.get(0) + " or " + said.get(1)
                : said.get(0) + " and other terms";
    }

    private static Action glob(String pattern) {
        String last = pattern == null ? "" : pattern.substring(pattern.lastIndexOf('/') + 1);
        if (last.startsWith("*.") && plain(last.substring(2)) != null && last.length() <= 8) {
            return new Action(Kind.FIND, "Looking for " + last.substring(2) + " files", null);
        }
        String name = last.contains("*") || last.contains("?") || last.contains("{") ? null : spokenFile(last);
        if (name != null) {
            return new Action(Kind.FIND, "Looking for " + name, null);
        }
        return new Action(Kind.FIND, "Looking for files", null);
    }

    private static Action web(String url) {
        String host = null;
        if (url != null) {
            try {
                host = java.net.URI.create(url.strip()).getHost();
            } catch (IllegalArgumentException e) {
                host = null; // not a URL: say nothing of it
            }
        }
        if (host != null && host.startsWith("www.")) {
            host = host.substring(4);
        }
        return new Action(Kind.WEB, host == null ? "Fetching a web page" : "Fetching a page from " + host, null);
    }

    private static Action webSearch(String query) {
        String q = query == null ? "" : query.strip();
        boolean short_ = !q.isEmpty() && q.length() <= 60 && q.chars().noneMatch(Character::isISOControl);
        return new Action(Kind.WEB_SEARCH, short_ ? "Searching the web for " + q : "Searching the web", null);
    }

    private static Action mcp(String name) {
        String[] parts = name.substring("mcp__".length()).split("__", 2);
        String server = words(parts[0]);
        String tool = parts.length > 1 ? words(parts[1]) : "";
        if (server.isEmpty()) {
            return tool("Using a tool");
        }
        return tool(tool.isEmpty() ? "Using " + server : "Calling " + tool + " on " + server);
    }

    /** {@code create_issue}, {@code createIssue} → "create issue"; only letters and digits are kept. */
    static String words(String identifier) {
        List<String> out = new ArrayList<>();
        for (String w : CAMEL.split(identifier.replaceAll("[^\\p{L}\\p{N}_\\-\\s]", " ").strip())) {
            if (!w.isEmpty() && out.size() < 5) {
                out.add(w.equals(w.toUpperCase(Locale.ROOT)) ? w : w.toLowerCase(Locale.ROOT));
            }
        }
        return String.join(" ", out);
    }

    /** The word when it can be spoken as it is, else null. */
    static String plain(String word) {
        return word != null && PLAIN.matcher(word).matches() ? word : null;
    }

    static String count(int n) {
        return n < NUMBERS.length ? NUMBERS[n] : Integer.toString(n);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
