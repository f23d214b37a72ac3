package dev.streamtts.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input stage: reads stream-json lines as fast as they come and hands the prose to a
 * {@link ProseListener}, the main agent's tool calls and the run's end to an {@link ActivityListener}.
 * No line can stop it; each bad one is skipped and counted.
 */
public final class StreamJsonReader {
    private static final Logger log = LoggerFactory.getLogger(StreamJsonReader.class);

    private final InputOptions options;
    private final InputCounters counters;
    private final ProseExtractor extractor;
    private final EventParser parser = new EventParser();
    private final ObjectMapper mapper;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public StreamJsonReader(InputOptions options, ProseListener listener, InputCounters counters) {
        this(options, listener, ActivityListener.NONE, counters);
    }

    public StreamJsonReader(InputOptions options, ProseListener listener, ActivityListener activity,
                            InputCounters counters) {
        this.options = options;
        this.counters = counters;
        this.extractor = new ProseExtractor(listener, activity, counters, options.speakSubagents());
        this.mapper = mapperFor(options.maxLineBytes());
    }

    /**
     * Jackson's own limits (20 M characters per string by default) must not refuse a line that
     * {@code input.max_line_mb} allows: a 21 MB Write input next to the prose is a normal line. Nesting
     * keeps Jackson's bound, so a pathological line is one skipped line, never a stack overflow.
     */
    static ObjectMapper mapperFor(long maxLineBytes) {
        int max = (int) Math.min(Integer.MAX_VALUE - 16, maxLineBytes);
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxStringLength(max)
                .maxDocumentLength(maxLineBytes)
                .maxNameLength(Math.max(StreamReadConstraints.DEFAULT_MAX_NAME_LEN, Math.min(max, 1 << 20)))
                .build();
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(limits).build());
    }

    /** Reads to end of input (or until the thread is interrupted), then flushes. */
    public void readAll(InputStream in) throws IOException {
        LineReader lines = new LineReader(in, options.maxLineBytes());
        RawLine line;
        while (!Thread.currentThread().isInterrupted() && (line = lines.next()) != null) {
            accept(line);
        }
        extractor.endOfInput();
    }

    /** Processes one line. */
    public void accept(RawLine line) {
        counters.line();
        if (line.tooLong()) {
            skip(SkipReason.TOO_LONG, line, "line of " + line.length() + " bytes is over the limit");
            return;
        }
        byte[] bytes = line.bytes();
        int start = firstNonBlank(bytes);
        if (start == bytes.length) {
            return; // blank lines are harmless and not worth a count
        }
        if (bytes[start] == '[') {
            skip(SkipReason.NOT_AN_OBJECT, line, "a JSON array");
            return;
        }
        if (bytes[start] != '{') {
            skip(line.terminated() ? SkipReason.NOT_JSON : SkipReason.TRUNCATED, line, "not a JSON object");
            return;
        }
        if (!validUtf8(bytes)) {
            skip(SkipReason.INVALID_UTF8, line, "invalid UTF-8");
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            skip(line.terminated() ? SkipReason.NOT_JSON : SkipReason.TRUNCATED, line, e.getOriginalMessage());
            return;
        } catch (IOException e) { // cannot happen on a byte array; keep the stream alive anyway
            skip(SkipReason.NOT_JSON, line, e.getMessage());
            return;
        }
        if (node == null || !node.isObject()) {
            skip(SkipReason.NOT_AN_OBJECT, line, "not a JSON object");
            return;
        }
        try {
            extractor.accept(parser.parse(node));
        } catch (RuntimeException e) { // a bug on one odd line must not end the stream
            skip(SkipReason.UNPROCESSABLE, line, e.toString());
            log.warn("input line {} could not be processed ({}); skipped", counters.lines(), e.toString());
        }
    }

    private void skip(SkipReason reason, RawLine line, String why) {
        counters.skip(reason);
        if (log.isDebugEnabled()) {
            log.debug("skipped input line {} ({}): {}", counters.lines(), reason.label(), why);
        }
    }

    private boolean validUtf8(byte[] bytes) {
        try {
            utf8.reset().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int firstNonBlank(byte[] bytes) {
        int i = 0;
        // Skip spaces, tabs and a UTF-8 byte order mark.
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == ' ' || b == '\t') {
                i++;
            } else if (i + 2 < bytes.length && b == (byte) 0xEF && bytes[i + 1] == (byte) 0xBB
                    && bytes[i + 2] == (byte) 0xBF) {
                i += 3;
            } else {
                break;
            }
        }
        return i;
    }
}
