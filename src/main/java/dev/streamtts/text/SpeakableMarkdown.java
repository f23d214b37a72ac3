package dev.streamtts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Markdown to speakable units, through commonmark-java's AST: what is spoken is decided per node type,
 * so code, tables and HTML can never leak into speech the way they would through regexes.
 */
final class SpeakableMarkdown {
    /** Words after which "a pattern" or "this code" would have two determiners: "the regex" → "the pattern". */
    private static final Pattern ENDS_WITH_DETERMINER = Pattern.compile(
            "(?is).*\\b(?:the|a|an|this|that|these|those|its|their|our|your|my|his|her|each|every|any|no)\\s*$");
    private static final Pattern ENDS_WITH_BLANK_LINE = Pattern.compile("(?s).*\\n[ \\t]*\\n[ \\t]*$");

    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(),
                    AutolinkExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private final TextOptions options;

    SpeakableMarkdown(TextOptions options) {
        this.options = options;
    }

    /** The units of a document; with {@code complete} false, the last paragraph may still grow. */
    Conversion convert(String markdown, boolean complete) {
        Node document = parser.parse(markdown);
        List<SpeechUnit> units = new ArrayList<>();
        int top = 0;
        int lastTopStart = 0;
        for (Node block = document.getFirstChild(); block != null; block = block.getNext(), top++) {
            if (!block.getSourceSpans().isEmpty()) {
                lastTopStart = block.getSourceSpans().get(0).getInputIndex();
            }
            collect(block, top, units);
        }
        boolean lastIsOpen = !complete && isProse(lastLeaf(document)) && !ENDS_WITH_BLANK_LINE.matcher(markdown).matches();
        if (lastIsOpen && !units.isEmpty()) {
            SpeechUnit last = units.get(units.size() - 1);
            units.set(units.size() - 1, new SpeechUnit(last.text(), last.topBlock(), true));
        }
        return new Conversion(units, top, lastTopStart);
    }

    /**
     * @param units         speakable units in document order
     * @param topBlocks     number of top-level blocks
     * @param lastTopStart  character offset where the last top-level block starts
     */
    record Conversion(List<SpeechUnit> units, int topBlocks, int lastTopStart) {
    }

    private void collect(Node block, int top, List<SpeechUnit> out) {
        if (block instanceof Paragraph || block instanceof Heading) {
            out.add(new SpeechUnit(SpeechCleanup.clean(inline(block)), top, false));
        } else if (block instanceof FencedCodeBlock || block instanceof IndentedCodeBlock) {
            if (options.codeBlocks() == CodeBlockPolicy.ANNOUNCE) {
                out.add(new SpeechUnit(options.codeNotice(), top, false));
            }
        } else if (block instanceof BulletList || block instanceof OrderedList || block instanceof ListItem
                || block instanceof BlockQuote || block instanceof Document) {
            for (Node child = block.getFirstChild(); child != null; child = child.getNext()) {
                collect(child, top, out);
            }
        }
        // Tables, HTML blocks, thematic breaks and link definitions have nothing to say.
    }

    private static boolean isProse(Node leaf) {
        return leaf instanceof Paragraph || leaf instanceof Heading;
    }

    private static Node lastLeaf(Node node) {
        Node n = node;
        while (n.getLastChild() != null && !(n instanceof Paragraph) && !(n instanceof Heading)) {
            n = n.getLastChild();
        }
        return n;
    }

    private static String inline(Node block) {
        StringBuilder out = new StringBuilder();
        appendInline(block, out);
        return out.toString();
    }

    private static void appendInline(Node parent, StringBuilder out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text text) {
                out.append(text.getLiteral());
            } else if (n instanceof Code code) {
                out.append(spokenCode(code, out));
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                out.append(' ');
            } else if (n instanceof Link link) {
                out.append(linkText(link));
            } else if (n instanceof HtmlInline html) {
                if (html.getLiteral().matches("(?i)<br\\s*/?>")) {
                    out.append(' ');
                }
            } else if (!(n instanceof Image)) {
                appendInline(n, out); // emphasis, strong, strikethrough and unknown inline containers
            }
        }
    }

    private static String linkText(Link link) {
        String text = inline(link).strip();
        String destination = link.getDestination() == null ? "" : link.getDestination();
        boolean textIsAddress = text.isEmpty() || text.equals(destination) || text.contains("://")
                || text.startsWith("www.") || destination.equals("mailto:" + text);
        if (!textIsAddress) {
            return text;
        }
        if (destination.startsWith("mailto:") || text.contains("@")) {
            return text.isEmpty() ? destination.substring(destination.indexOf(':') + 1) : text;
        }
        return SpeechCleanup.host(destination.isEmpty() ? text : destination);
    }

    /**
     * Inline code as said in its sentence. Code that cannot be read is named ("a pattern", "this code"),
     * so the sentence keeps its shape, except where it stands alone in brackets or in its block: there it
     * says nothing, and the brackets left empty go with it.
     */
    private static String spokenCode(Code code, CharSequence before) {
        InlineCode.Spoken spoken = InlineCode.of(code.getLiteral());
        if (spoken.kind() == InlineCode.Kind.WORDS) {
            return spoken.words();
        }
        if (aloneInBrackets(code) || (code.getPrevious() == null && code.getNext() == null)) {
            return "";
        }
        boolean determined = ENDS_WITH_DETERMINER.matcher(before.subSequence(Math.max(0, before.length() - 16), before.length())).matches();
        if (spoken.kind() == InlineCode.Kind.PATTERN) {
            return determined ? "pattern" : "a pattern";
        }
        return determined ? "code" : "this code";
    }

    private static boolean aloneInBrackets(Code code) {
        return code.getPrevious() instanceof Text before && code.getNext() instanceof Text after
                && before.getLiteral().stripTrailing().matches("(?s).*[(\\[]")
                && after.getLiteral().stripLeading().matches("(?s)[)\\]].*");
    }
}
