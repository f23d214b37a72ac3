package dev.streamtts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file path as it is said: its last part ("src/main/App.java" → "App.java"), or its last two when
 * the last alone says little (".claude/plans/" → "dot claude plans", "src/utils/index.ts" → "utils
 * index.ts"). A part that starts with a dot is said with "dot", as in prose.
 */
final class SpokenPath {
    private static final Pattern EXTENSION = Pattern.compile(".*\\.[A-Za-z][A-Za-z0-9]{0,7}");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:\\\\.*");
    private static final Pattern LINE_NUMBER = Pattern.compile(":\\d+(:\\d+)?$");
    /** Folders whose name says what kind of folder they are rather than which one. */
    private static final Set<String> GENERIC_FOLDERS = Set.of(
            "src", "source", "lib", "main", "java", "test", "tests", "spec", "specs", "docs", "doc", "bin", "build",
            "dist", "out", "target", "config", "conf", "scripts", "utils", "util", "helpers", "common", "shared",
            "core", "app", "apps", "packages", "pkg", "internal", "cmd", "plans", "data", "assets", "public",
            "static", "logs", "tmp", "temp", "cache", "fixtures", "examples", "components", "pages", "api",
            "models", "types", "hooks", "settings");
    /** The same for files, without their extension: "index.ts" of which folder? */
    private static final Set<String> GENERIC_FILES = Set.of("index", "mod", "__init__", "init", "default");
    /** Parents that add nothing when said: the root, home and relative steps. */
    private static final Set<String> SILENT_PARENTS = Set.of("", ".", "..", "~");

    private SpokenPath() {
    }

    /** Whether a word is a path; in prose "and/or", "TCP/IP" and "read/write" are not. */
    static boolean isPath(String word) {
        if (word.contains("://")) {
            return false;
        }
        long slashes = word.chars().filter(c -> c == '/' || c == '\\').count();
        if (slashes == 0) {
            return false;
        }
        if (word.startsWith("/") || word.startsWith("./") || word.startsWith("../") || word.startsWith("~/")
                || WINDOWS_DRIVE.matcher(word).matches()) {
            return true;
        }
        return slashes >= 2 || EXTENSION.matcher(word).matches();
    }

    /** The parts of a path that are said, in order: one, or two when the last is generic. */
    static List<String> spokenParts(String path) {
        List<String> parts = new ArrayList<>(List.of(path.split("[/\\\\]+", -1)));
        while (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1); // "plans/" → "plans"
        }
        String last = LINE_NUMBER.matcher(parts.get(parts.size() - 1)).replaceFirst(""); // "App.java:42"
        if (last.isEmpty()) {
            return List.of("root");
        }
        if (parts.size() >= 2 && isGeneric(last) && !SILENT_PARENTS.contains(parts.get(parts.size() - 2))) {
            return List.of(parts.get(parts.size() - 2), last);
        }
        return List.of(last);
    }

    /** The path as said in prose: its spoken parts, each dot name with "dot". */
    static String spoken(String path) {
        List<String> said = new ArrayList<>();
        for (String part : spokenParts(path)) {
            said.add(SpeechCleanup.dotName(part));
        }
        return String.join(" ", said);
    }

    private static boolean isGeneric(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith(".")) {
            n = n.substring(1);
        }
        int dot = n.lastIndexOf('.');
        return dot > 0 ? GENERIC_FILES.contains(n.substring(0, dot)) : GENERIC_FOLDERS.contains(n);
    }
}
