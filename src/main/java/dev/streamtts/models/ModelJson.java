package dev.streamtts.models;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the JSON configs that come with models, failing with one line that names the file. */
public final class ModelJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelJson() {
    }

    /**
     * @param what what the file should be, for the error ("a Piper voice config")
     * @return the top-level JSON object
     */
    public static JsonNode readObject(Path file, String what) throws ModelException {
        JsonNode c;
        try {
            c = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // getMessage() puts Jackson's location on a line of its own: one line, with the position
            JsonLocation at = e.getLocation();
            throw new ModelException(file + ": cannot be read as JSON (" + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", e);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be read as JSON (" + e.getMessage() + ")", e);
        }
        if (c == null || !c.isObject()) {
            throw new ModelException(file + ": not " + what + " (expected a JSON object)");
        }
        return c;
    }
}
