package dev.streamtts.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Plausible Claude Code stream-json, built from fuzzer choices: the line shapes of the fixtures
 * (assistant messages, {@code --include-partial-messages} stream events, thinking, tool use, tool results,
 * results, system lines, subagent lines) with ids, indices and block types drawn from small sets so that
 * deltas and complete lines pair up, disagree, repeat and interleave; Markdown drawn from fragments that
 * the text stage treats specially; and now and then a line that is broken, oddly typed or not JSON.
 */
final class EventGenerator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final String[] IDS = {"msg_01A", "msg_01B", "msg_01C", ""};
    private static final String[] PARENTS = {"toolu_01Sub", "toolu_02Sub"};
    private static final String[] BLOCK_TYPES = {"text", "thinking", "tool_use", "redacted_thinking", "server_tool_use",
        "image", "weird"};
    private static final String[] OTHER_DELTAS = {"thinking_delta", "input_json_delta", "signature_delta",
        "citations_delta", "text"};
    private static final String[] SILENT = {"system", "user", "rate_limit_event", "tool_progress", "keep_alive",
        "control_request", "stream_request_start", "tool_use_summary"};
    private static final String[] EVENT_TYPES = {"message_start", "content_block_start", "content_block_delta",
        "content_block_stop", "message_stop", "message_delta", "ping", "error"};
    /** Markdown and prose the text stage handles specially: structure, rewrites, breaks, scripts. */
    private static final String[] MARKDOWN = {
        "I'll fix the parser first. ", "Then I will run the tests.", "All 42 tests pass. ", "Hello world.",
        "\n\n", "\n", " ", "```", "```java\n", "```\n", "~~~\n", "    code here\n", "\tindented\n",
        "# ", "## Summary\n", "Heading\n===\n", "- ", "* ", "1. ", "2) ", "> ", ">> quoted ", "- [ ] task ",
        "| a | b |\n", "|---|---|\n", "| 1 | 2 |\n", "---\n", "***", "___",
        "**bold** ", "*it* ", "_soft_ ", "~~old~~ ", "`npm` ", "`useState()` ", "`npm install --save x` ", "``",
        "[the guide](https://example.com/guide) ", "<https://a.b/c> ", "https://www.github.com/foo/bar?x=1 ",
        "www.example.org ", "mailto:a@b.c ", "[a@b.c](mailto:a@b.c) ", "![img](x.png) ", "[ref]: /url \"t\"\n",
        "src/main/java/App.java ", "./run.sh ", "../up/x ", "~/home/y ", "C:\\Users\\x\\f.txt ", "and/or ",
        "App.java:42 ", "/ ", "//", "e.g. ", "E.g. ", "i.e. ", "I.e., ", "e.g.", " -> ", " => ", "→", " — ",
        "; ", ": ", ", ", " - ", "Dr. ", "Prof. Lee ", "vs. ", "approx. ", "3.14 ", "$3.50 ", "v1.2.3 ", "4",
        "1. 2. 3.", "!!!", "?", "...", "…", "OK. ", "Yes! ", "Why? ", "ファイルを更新しました。", "次は？", "，", "、",
        "✅ ", "🎉👍🏽 ", "🇩🇪", "\u200D", "\uFE0F", "\u00A0", "\u3000", "\r\n", "\u0000", "\u2028",
        "<br> ", "<br/>", "<div>html</div>\n", "<!-- c -->", "&amp; ", "&#x41;", "\\*", "\\", "\"", "'",
        "supercalifragilisticexpialidociousandthensomemorelettersinarow",
    };

    private EventGenerator() {
    }

    /** A stdin of up to {@code maxLines} lines. */
    static byte[] stream(FuzzedDataProvider data, int maxLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = data.consumeInt(0, maxLines);
        for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
            byte[] line = line(data);
            out.write(line, 0, line.length);
            int end = data.consumeInt(0, 15);
            if (end == 0) {
                out.write('\r');
            }
            if (end != 1 || i < lines - 1) { // now and then the last line is cut off (no newline)
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static byte[] line(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 15);
        ObjectNode node = switch (kind) {
            case 0, 1 -> streamEvent(data, "message_start");
            case 2 -> streamEvent(data, "content_block_start");
            case 3, 4, 5 -> streamEvent(data, "content_block_delta");
            case 6 -> streamEvent(data, "content_block_stop");
            case 7 -> streamEvent(data, "message_stop");
            case 8 -> streamEvent(data, data.pickValue(EVENT_TYPES));
            case 9, 10 -> assistant(data);
            case 11 -> smoke(data);
            case 12 -> result(data);
            case 13 -> silent(data);
            default -> null;
        };
        if (node == null) {
            return junk(data);
        }
        if (data.consumeInt(0, 15) == 0) {
            scramble(node, data);
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode streamEvent(FuzzedDataProvider data, String eventType) {
        ObjectNode line = JSON.objectNode().put("type", "stream_event");
        ObjectNode event = line.putObject("event").put("type", eventType);
        int index = data.consumeInt(-1, 4);
        switch (eventType) {
            case "message_start" -> {
                ObjectNode message = event.putObject("message").put("type", "message").put("role", "assistant");
                String id = data.pickValue(IDS);
                if (!id.isEmpty()) {
                    message.put("id", id);
                }
                message.putArray("content");
            }
            case "content_block_start" -> {
                event.put("index", index);
                String type = data.pickValue(BLOCK_TYPES);
                ObjectNode block = event.putObject("content_block").put("type", type);
                if (type.equals("text")) {
                    block.put("text", "");
                } else if (type.equals("tool_use")) {
                    block.put("id", "toolu_01").put("name", "Bash").putObject("input");
                }
            }
            case "content_block_delta" -> {
                event.put("index", index);
                ObjectNode delta = event.putObject("delta");
                if (data.consumeInt(0, 3) > 0) {
                    delta.put("type", "text_delta").put("text", markdown(data, 6));
                } else {
                    String type = data.pickValue(OTHER_DELTAS);
                    delta.put("type", type).put(type.equals("input_json_delta") ? "partial_json" : "thinking",
                            markdown(data, 3));
                }
            }
            case "content_block_stop" -> event.put("index", index);
            default -> {
            }
        }
        parent(line, data);
        line.put("session_id", "s1");
        return line;
    }

    private static ObjectNode assistant(FuzzedDataProvider data) {
        ObjectNode line = JSON.objectNode().put("type", "assistant");
        ObjectNode message = line.putObject("message").put("type", "message");
        int role = data.consumeInt(0, 7);
        if (role > 0) {
            message.put("role", role == 1 ? "user" : "assistant");
        }
        String id = data.pickValue(IDS);
        if (!id.isEmpty()) {
            message.put("id", id);
        }
        content(message, data);
        parent(line, data);
        return line;
    }

    private static ObjectNode smoke(FuzzedDataProvider data) {
        ObjectNode line = JSON.objectNode();
        if (data.consumeBoolean()) {
            line.put("content", markdown(data, 6));
        } else {
            content(line, data);
        }
        return line;
    }

    private static void content(ObjectNode holder, FuzzedDataProvider data) {
        ArrayNode content = holder.putArray("content");
        int blocks = data.consumeInt(0, 3);
        for (int i = 0; i < blocks; i++) {
            String type = data.pickValue(BLOCK_TYPES);
            ObjectNode block = content.addObject().put("type", type);
            switch (type) {
                case "text" -> block.put("text", markdown(data, 8));
                case "thinking" -> block.put("thinking", markdown(data, 3)).put("signature", "EqQB");
                case "tool_use" -> block.put("id", "toolu_01").put("name", "Bash").putObject("input")
                        .put("command", markdown(data, 2));
                default -> {
                }
            }
        }
    }

    private static ObjectNode result(FuzzedDataProvider data) {
        return JSON.objectNode().put("type", "result").put("subtype", data.consumeBoolean() ? "success" : "error")
                .put("result", markdown(data, 3));
    }

    private static ObjectNode silent(FuzzedDataProvider data) {
        ObjectNode line = JSON.objectNode().put("type", data.pickValue(SILENT));
        if (data.consumeBoolean()) {
            ObjectNode message = line.putObject("message").put("role", "user");
            message.putArray("content").addObject().put("type", "tool_result").put("tool_use_id", "toolu_01")
                    .put("content", markdown(data, 3));
        }
        return line;
    }

    /** Not a well-formed stream-json object: text, arrays, cut-off JSON, invalid UTF-8, a BOM. */
    private static byte[] junk(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> ("[1, 2, " + data.consumeInt() + "]").getBytes(StandardCharsets.UTF_8);
            case 1 -> ("\uFEFF{\"content\":[{\"type\":\"text\",\"text\":" + quoted(markdown(data, 3)) + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                String whole = "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_01A\",\"content\":[{\"type\":\"text\","
                        + "\"text\":" + quoted(markdown(data, 3)) + "}]}}";
                yield whole.substring(0, data.consumeInt(0, whole.length())).getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> ("Warning: " + markdown(data, 2)).getBytes(StandardCharsets.UTF_8);
            default -> data.consumeBytes(data.consumeInt(0, 64));
        };
    }

    /** Fields of the wrong JSON type where the reader expects a string, a number or an object. */
    private static void scramble(ObjectNode node, FuzzedDataProvider data) {
        ObjectNode target = node.has("event") && node.get("event").isObject() ? (ObjectNode) node.get("event")
                : node.has("message") && node.get("message").isObject() ? (ObjectNode) node.get("message") : node;
        String field = data.pickValue(new String[] {"type", "index", "id", "content", "delta", "message", "text",
            "role", "content_block", "event", "parent_tool_use_id"});
        switch (data.consumeInt(0, 5)) {
            case 0 -> target.putNull(field);
            case 1 -> target.put(field, data.consumeInt());
            case 2 -> target.putArray(field).add(1).add("x");
            case 3 -> target.putObject(field);
            case 4 -> target.put(field, data.consumeBoolean());
            default -> target.put(field, data.consumeDouble());
        }
    }

    private static void parent(ObjectNode line, FuzzedDataProvider data) {
        if (data.consumeInt(0, 5) == 0) {
            line.put("parent_tool_use_id", data.pickValue(PARENTS));
        } else {
            line.putNull("parent_tool_use_id");
        }
    }

    /** Up to {@code pieces} Markdown fragments, some of them free text from the fuzzer. */
    static String markdown(FuzzedDataProvider data, int pieces) {
        StringBuilder s = new StringBuilder();
        int n = data.consumeInt(0, pieces);
        for (int i = 0; i < n; i++) {
            if (data.consumeInt(0, 3) == 0) {
                s.append(data.consumeString(data.consumeInt(0, 40)));
            } else {
                s.append(data.pickValue(MARKDOWN));
            }
        }
        return s.toString();
    }

    private static String quoted(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
