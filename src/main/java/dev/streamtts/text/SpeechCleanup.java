package dev.streamtts.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level rewrites of plain text so that it sounds right: paths become file names, URLs their host,
 * ".env" becomes "dot env", {@code e.g.}/{@code i.e.} become words (which also keeps the sentence
 * breaker from splitting there), emoji, stray Markdown punctuation and brackets left empty disappear.
 * Works on text already freed of Markdown structure.
 */
final class SpeechCleanup {
    private static final Pattern EXAMPLE = Pattern.compile("\\b([eE])\\.\\s?g\\.(?=[\\s,;:)]|$)");
    private static final Pattern THAT_IS = Pattern.compile("\\b([iI])\\.\\s?e\\.(?=[\\s,;:)]|$)");
    private static final Pattern ARROW = Pattern.compile("\\s*(?:→|->|=>|⇒)\\s*");
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern DOT_NAME = Pattern.compile("\\.[\\p{L}_][\\p{L}\\p{N}_.\\-]*");
    /** Leading and trailing characters that belong to the sentence, not to a path or URL. */
    private static final Pattern WRAPPED = Pattern.compile("^([\"'“‘(\\[<]*)(.*?)([\"'”’)\\]>.,;:!?]*)$");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u3000]+");
    /** Not before a name that starts with a dot: "the .env file" must not become "the.env file". */
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile(" +([,.;:!?)])(?![\\p{L}\\p{N}_])");
    /** Brackets left with nothing to say once their content is dropped: "regex (`/x+/`) here". */
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\s*(?:\\(\\s*\\)|\\[\\s*]|\\{\\s*})");
    private static final Pattern STRAY_MARKUP = Pattern.compile("[`*_~]{1,3}(?=\\s|$)|(?<=\\s|^)[`*_~]{1,3}");

    private SpeechCleanup() {
    }

    static String clean(String text) {
        String s = EXAMPLE.matcher(text).replaceAll(m -> m.group(1).equals("E") ? "For example" : "for example");
        s = THAT_IS.matcher(s).replaceAll(m -> m.group(1).equals("I") ? "That is" : "that is");
        s = ARROW.matcher(s).replaceAll(" to ");
        s = rewriteTokens(s);
        s = stripEmoji(s);
        s = STRAY_MARKUP.matcher(s).replaceAll("");
        s = EMPTY_BRACKETS.matcher(s).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ");
        s = SPACE_BEFORE_PUNCT.matcher(s).replaceAll("$1");
        return s.strip();
    }

    /** A word as spoken: a URL becomes its host, a path its last part, a dot name "dot name"; other words stay. */
    static String speakableWord(String word) {
        if (word.contains("://") || word.startsWith("www.")) {
            return host(word);
        }
        if (SpokenPath.isPath(word)) {
            return SpokenPath.spoken(word);
        }
        return dotName(word);
    }

    private static String rewriteTokens(String s) {
        Matcher m = TOKEN.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String token = m.group();
            Matcher w = WRAPPED.matcher(token);
            String replacement = token;
            if (w.matches() && !w.group(2).isEmpty()) {
                String core = w.group(2);
                String spoken = speakableWord(core);
                if (!spoken.equals(core)) {
                    replacement = w.group(1) + spoken + w.group(3);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** ".gitignore" → "dot gitignore": said the way people say it, and never glued to the word before. */
    static String dotName(String word) {
        return DOT_NAME.matcher(word).matches() ? "dot " + word.substring(1) : word;
    }

    static String host(String url) {
        String u = url.startsWith("www.") ? "http://" + url : url;
        try {
            String host = URI.create(u).getHost();
            if (host != null) {
                return host.startsWith("www.") ? host.substring(4) : host;
            }
        } catch (IllegalArgumentException e) {
            // not a well-formed URI: fall through to a plain cut
        }
        String rest = u.substring(u.indexOf("://") + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int i = rest.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        String host = rest.substring(0, end);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    static String stripEmoji(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (isEmojiPart(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }

    private static boolean isEmojiPart(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)
                || UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_PRESENTATION)
                || UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_MODIFIER)
                || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR)
                || cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
