package dev.streamtts.cli.config;

import dev.streamtts.text.EditDistance;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one {@code config.yaml} into raw values, each with its file and line, through SnakeYAML's node
 * tree (not plain maps) so that an error can point at the line. Unknown keys are errors: a typo must not
 * silently leave an option at its default.
 */
final class YamlConfigReader {
    private static final ConfigSchema SCHEMA = ConfigSchema.CONFIG;

    Map<String, RawValue> read(Path file) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** @param name the file's name in messages and origins */
    Map<String, RawValue> read(Reader reader, String name) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1024 * 1024);
        Map<String, RawValue> values = new LinkedHashMap<>();
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                return values; // empty file, or only comments
            }
            if (!(root instanceof MappingNode mapping)) {
                throw new ConfigException(where(name, root.getStartMark()) + ": expected sections such as 'audio:'");
            }
            walk(name, mapping, "", values);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(where(name, e.getProblemMark()) + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) { // SnakeYAML's reader wraps it
                throw new ConfigException(name + ": not a text file (a configuration is YAML in UTF-8)");
            }
            throw new ConfigException(name + ": not valid YAML: " + e.getMessage());
        }
        return values;
    }

    private static void walk(String file, MappingNode mapping, String prefix, Map<String, RawValue> out)
            throws ConfigException {
        // compose() builds the node tree without SnakeYAML's duplicate-key check, so it is done here:
        // with two values for one key, the first would be silently ignored.
        Map<String, String> seen = new java.util.HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(where(file, tuple.getKeyNode().getStartMark()) + ": keys must be plain names");
            }
            String path = prefix.isEmpty() ? keyNode.getValue() : prefix + "." + keyNode.getValue();
            String first = seen.putIfAbsent(keyNode.getValue(), where(file, keyNode.getStartMark()));
            if (first != null) {
                throw new ConfigException(where(file, keyNode.getStartMark()) + ": " + path
                        + " is given twice (first at " + first + "); keep one");
            }
            Node value = tuple.getValueNode();
            String at = where(file, keyNode.getStartMark());
            if (SCHEMA.isMap(path)) {
                readMap(file, path, value, at, out);
            } else if (SCHEMA.isOption(path)) {
                if (!(value instanceof ScalarNode scalar)) {
                    throw new ConfigException(at + ": " + path + ": expected a single value, not a list or section");
                }
                out.put(path, new RawValue(Tag.NULL.equals(scalar.getTag()) ? "" : scalar.getValue(), at));
            } else if (SCHEMA.isSection(path)) {
                if (value instanceof MappingNode section) {
                    walk(file, section, path, out);
                } else if (!(value instanceof ScalarNode s && Tag.NULL.equals(s.getTag()))) {
                    throw new ConfigException(at + ": '" + path + "' is a section; put its options below it");
                }
            } else {
                throw new ConfigException(at + ": unknown key '" + path + "'" + suggestion(path));
            }
        }
    }

    /** A map section's entries; their keys are checked with their values, when the tree is built. */
    private static void readMap(String file, String section, Node value, String at, Map<String, RawValue> out)
            throws ConfigException {
        if (value instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            throw new ConfigException(at + ": '" + section + "' takes entries of the form 'key: value'");
        }
        for (NodeTuple entry : mapping.getValue()) {
            String where = where(file, entry.getKeyNode().getStartMark());
            if (!(entry.getKeyNode() instanceof ScalarNode key) || !(entry.getValueNode() instanceof ScalarNode v)) {
                throw new ConfigException(where + ": '" + section + "' takes entries of the form 'key: value'");
            }
            String text = Tag.NULL.equals(v.getTag()) ? "" : v.getValue();
            out.put(section + "." + key.getValue(), new RawValue(text, where));
        }
    }

    private static String suggestion(String path) {
        return SCHEMA.options().stream()
                .filter(p -> EditDistance.between(p, path) <= Math.max(3, path.length() / 4))
                .min(Comparator.comparingInt(p -> EditDistance.between(p, path)))
                .map(p -> " (did you mean '" + p + "'?)")
                .orElse(" (see the documented config.yaml for every option)");
    }

    private static String where(String file, Mark mark) {
        return mark == null ? file.toString() : file + ":" + (mark.getLine() + 1);
    }
}
