package dev.streamtts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline code as it is said, so that a sentence never loses a word. Commands and names are read as
 * words ({@code npx tsx}, {@code @langchain/core} → "langchain core", {@code snake_case} → "snake
 * case", {@code drawCleanHUD} → "draw clean HUD"), strings of prose as quotations, versions and ranges
 * as such ({@code <0.4.0} → "below 0.4.0", {@code ^1.3.0} → "1.3.0 or later"), paths and dot names as
 * in prose. What cannot be read aloud (a regex, an expression, a long command) is only said to be a
 * pattern or code.
 */
final class InlineCode {
    /** What a code span is to a listener. */
    enum Kind { WORDS, PATTERN, CODE }

    /**
     * @param kind  words to read, or a pattern or code that is not read
     * @param words what to say, for {@link Kind#WORDS}; empty otherwise
     */
    record Spoken(Kind kind, String words) {
    }

    /** More than this is a command line or an expression, too long to follow when heard. */
    private static final int MAX_TOKENS = 6;
    private static final int MAX_CHARS = 60;
    private static final String VERSION = "v?\\d+(?:\\.(?:\\d+|x|\\*))*(?:-[\\p{Alnum}.]+)?";
    private static final Pattern RANGE = Pattern.compile("(\\^|~|>=|<=|>|<|=)?(" + VERSION + ")");
    /** Written apart from its version ("< 0.4.0"); "=" is not, "x = 1" being an assignment. */
    private static final Pattern OPERATOR = Pattern.compile("\\^|~|>=|<=|>|<");
    /** A name: identifier, file name, kebab-case word, number; letters of any script. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.#+\\-]*");
    private static final Pattern PATH = Pattern.compile("[\\p{L}\\p{N}_.#+\\-~:@/\\\\]+");
    private static final Pattern NUMBER_OR_PORT = Pattern.compile("[-+]?\\d[\\d.,]*%?|[\\p{L}\\p{N}.\\-]+:\\d{1,5}");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+");
    /** Leading marks that are written, not said: flags, variables, decorators, symbols, issue numbers. */
    private static final Pattern SIGIL = Pattern.compile("^(?:--?|[$@:#])");
    private static final Pattern REGEX_LITERAL = Pattern.compile("/.*[\\\\^$*+?()\\[\\]{}|].*/[dgimsuy]*");
    /** Escapes ("\\s"), character classes ("[a-z]", "[^/]") and groups ("(?:") are a regex's own. */
    private static final Pattern REGEX_MARKS = Pattern.compile(
            "\\\\[dDsSwWbB.\\\\{}()\\[\\]|*+?^$/]|\\[\\^[^\\]]*]|\\[[^\\]]*(?:\\w-\\w|\\\\)[^\\]]*]|\\(\\?");
    /** A string of prose, read as a quotation: {@code "342 tests across 10 files"}. */
    private static final Pattern QUOTED_PROSE = Pattern.compile("([\"'])([\\p{L}\\p{N}\\s.,;:!?%&()'’\\-/+]{1,120})\\1");
    private static final Pattern CAPITALIZED = Pattern.compile("\\p{Lu}[\\p{Ll}\\p{N}]*");
    private static final Pattern CAMEL = Pattern.compile("(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");

    private InlineCode() {
    }

    static Spoken of(String literal) {
        String code = literal.strip();
        Matcher string = QUOTED_PROSE.matcher(code);
        if (string.matches()) {
            return new Spoken(Kind.WORDS, "\"" + string.group(2).strip() + "\"");
        }
        if (REGEX_LITERAL.matcher(code).matches() || REGEX_MARKS.matcher(code).find()) {
            return new Spoken(Kind.PATTERN, "");
        }
        List<String> tokens = tokens(code);
        if (code.length() > MAX_CHARS || tokens.size() > MAX_TOKENS) {
            return new Spoken(Kind.CODE, "");
        }
        List<String> said = new ArrayList<>();
        for (String token : tokens) {
            String words = token(token);
            if (words == null) {
                return new Spoken(Kind.CODE, "");
            }
            said.add(words);
        }
        return new Spoken(Kind.WORDS, String.join(" ", said));
    }

    /** The span's words, with an operator written apart from its version joined to it ("< 0.4.0"). */
    private static List<String> tokens(String code) {
        List<String> tokens = new ArrayList<>();
        for (String t : code.split("\\s+")) {
            int last = tokens.size() - 1;
            if (last >= 0 && OPERATOR.matcher(tokens.get(last)).matches() && t.matches(VERSION)) {
                tokens.set(last, tokens.get(last) + t);
            } else if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    /** One token as said, or null when it cannot be said. */
    private static String token(String raw) {
        String t = raw.endsWith("()") ? raw.substring(0, raw.length() - 2) : raw;
        switch (t) {
            case "&&":
                return "and";
            case "||":
                return "or";
            default:
                break;
        }
        Matcher range = RANGE.matcher(t);
        if (range.matches()) {
            return range(range.group(1), range.group(2));
        }
        if (t.contains("://") || t.startsWith("www.")) {
            return SpeechCleanup.host(t);
        }
        if (EMAIL.matcher(t).matches() || NUMBER_OR_PORT.matcher(t).matches()) {
            return t; // read well as written: "me@example.com", "-1", "50%", "localhost:8080"
        }
        if (t.contains("::")) { // "Foo::bar" → "Foo bar"
            return join(List.of(t.split("::")));
        }
        int at = t.lastIndexOf('@');
        if (at > 0) { // a package at a version: "left-pad@1.3.0", "@scope/name@^2"
            String name = token(t.substring(0, at));
            String version = token(t.substring(at + 1));
            return name == null || version == null ? null : name + " " + version;
        }
        if (t.startsWith("@") && t.indexOf('/') > 1) { // a scoped package: "@langchain/core"
            return join(List.of(t.substring(1).split("/")));
        }
        if (t.contains("/") || t.contains("\\")) {
            return PATH.matcher(t).matches() ? join(SpokenPath.spokenParts(t)) : null;
        }
        return name(t);
    }

    private static String join(List<String> parts) {
        List<String> said = new ArrayList<>();
        for (String part : parts) {
            String words = name(part);
            if (words == null) {
                return null;
            }
            said.add(words);
        }
        return String.join(" ", said);
    }

    /** A name as said: ".env" → "dot env", "--dry-run" → "dry-run", "IMPLEMENTATION_PLAN" → two words. */
    private static String name(String raw) {
        if (raw.startsWith(".") && raw.length() > 1) {
            String rest = name(raw.substring(1));
            return rest == null ? null : "dot " + rest;
        }
        String t = SIGIL.matcher(raw).replaceFirst("");
        if (t.endsWith(":") || t.endsWith(",")) {
            t = t.substring(0, t.length() - 1); // a key ("name:") or a list ("a, b")
        }
        if (!NAME.matcher(t).matches()) {
            return null;
        }
        if (t.contains(".")) {
            return t; // file names, versions and dotted names are read as written
        }
        List<String> words = new ArrayList<>();
        for (String part : t.split("_+")) {
            for (String w : CAMEL.split(part)) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        if (words.size() > 1) { // "drawCleanHUD" → "draw clean HUD": words, not names, for the translator
            words.replaceAll(w -> CAPITALIZED.matcher(w).matches() ? w.toLowerCase(Locale.ROOT) : w);
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    private static String range(String operator, String version) {
        if (operator == null) {
            return version;
        }
        return switch (operator) {
            case "^", ">=" -> version + " or later";
            case "~" -> version + " or a later patch";
            case ">" -> "above " + version;
            case "<" -> "below " + version;
            case "<=" -> version + " or earlier";
            default -> version;
        };
    }
}
