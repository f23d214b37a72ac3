package dev.streamtts.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one parsed stream-json object into a {@link ClaudeEvent}. Tolerant by design: field sets differ
 * between CLI versions, so missing or oddly typed fields degrade to "nothing to speak", never to an error.
 */
public final class EventParser {
    /** Line types that exist in Claude Code's stream and never carry prose to speak. */
    private static final Set<String> SILENT_TYPES = Set.of(
            "system", "user", "rate_limit_event", "tool_progress", "prompt_suggestion", "control_request",
            "control_response", "control_cancel_request", "keep_alive", "auth_status", "stream_request_start",
            "tool_use_summary", "streamlined_text", "streamlined_tool_use_summary");
    private static final int MAX_ERRORS = 4;
    private static final int MAX_ERROR_CHARS = 500;

    public ClaudeEvent parse(JsonNode node) {
        String type = text(node, "type");
        if (type == null) {
            // Smoke format {"content":[…]} and bare messages from old CLIs.
            if (node.has("content") || node.has("message")) {
                return assistant(node);
            }
            return new ClaudeEvent.Unknown("(no type)");
        }
        return switch (type) {
            case "assistant" -> assistant(node);
            case "stream_event" -> streamEvent(node);
            case "result" -> result(node);
            default -> SILENT_TYPES.contains(type) ? new ClaudeEvent.Ignored(type) : new ClaudeEvent.Unknown(type);
        };
    }

    private static ClaudeEvent assistant(JsonNode node) {
        JsonNode message = node.get("message");
        JsonNode holder = message != null && message.isObject() ? message : node;
        if (holder.has("role") && !"assistant".equals(text(holder, "role"))) {
            return new ClaudeEvent.Ignored("message/" + text(holder, "role"));
        }
        return new ClaudeEvent.AssistantMessage(
                text(holder, "id"), text(node, "parent_tool_use_id"), blocks(holder.get("content")));
    }

    private static List<ContentBlock> blocks(JsonNode content) {
        List<ContentBlock> blocks = new ArrayList<>();
        if (content == null) {
            return blocks;
        }
        if (content.isTextual()) {
            blocks.add(new ContentBlock.Text(content.asText()));
            return blocks;
        }
        if (!content.isArray()) {
            return blocks;
        }
        for (JsonNode block : content) {
            String type = text(block, "type");
            String text = text(block, "text");
            if ("text".equals(type) && text != null) {
                blocks.add(new ContentBlock.Text(text));
            } else if ("tool_use".equals(type) && text(block, "name") != null) {
                blocks.add(new ContentBlock.ToolUse(toolCall(block)));
            } else {
                blocks.add(new ContentBlock.Other(type == null ? "(no type)" : type));
            }
        }
        return blocks;
    }

    private static ToolCall toolCall(JsonNode block) {
        Map<String, String> input = new HashMap<>();
        JsonNode fields = block.get("input");
        for (String key : ToolCall.KEY_FIELDS) {
            String value = text(fields, key);
            if (value != null) {
                input.put(key, cut(value, ToolCall.MAX_FIELD_CHARS));
            }
        }
        return new ToolCall(text(block, "id"), text(block, "name"), input);
    }

    private static ClaudeEvent.Result result(JsonNode node) {
        boolean isError = node.path("is_error").asBoolean(false);
        JsonNode duration = node.get("duration_ms");
        List<String> errors = new ArrayList<>();
        JsonNode listed = node.get("errors");
        if (listed != null && listed.isArray()) {
            for (JsonNode e : listed) {
                if (e.isTextual() && !e.asText().isBlank() && errors.size() < MAX_ERRORS) {
                    errors.add(cut(e.asText(), MAX_ERROR_CHARS));
                }
            }
        }
        String text = text(node, "result");
        if (errors.isEmpty() && isError && text != null && !text.isBlank()) {
            errors.add(cut(text, MAX_ERROR_CHARS)); // a failed run's result text is its error, not a repeat
        }
        return new ClaudeEvent.Result(text(node, "subtype"), isError,
                duration != null && duration.isNumber() ? duration.asLong() : -1, errors);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static ClaudeEvent streamEvent(JsonNode node) {
        JsonNode event = node.get("event");
        String parent = text(node, "parent_tool_use_id");
        String eventType = text(event, "type");
        if (eventType == null) {
            return new ClaudeEvent.Unknown("stream_event/(no type)");
        }
        int index = event.path("index").asInt(-1);
        return switch (eventType) {
            case "message_start" -> new ClaudeEvent.MessageStart(text(event.get("message"), "id"), parent);
            case "content_block_start" ->
                    new ClaudeEvent.BlockStart(index, text(event.get("content_block"), "type"), parent);
            case "content_block_delta" -> {
                JsonNode delta = event.get("delta");
                String text = text(delta, "text");
                yield "text_delta".equals(text(delta, "type")) && text != null
                        ? new ClaudeEvent.TextDelta(index, text, parent)
                        : new ClaudeEvent.Ignored("stream_event/" + text(delta, "type"));
            }
            case "content_block_stop" -> new ClaudeEvent.BlockStop(index, parent);
            case "message_stop" -> new ClaudeEvent.MessageStop(parent);
            default -> new ClaudeEvent.Ignored("stream_event/" + eventType);
        };
    }

    /** The field as a string, or null when absent, JSON null, or not a string. */
    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
