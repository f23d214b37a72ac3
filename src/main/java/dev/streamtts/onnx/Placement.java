package dev.streamtts.onnx;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where ONNX Runtime put a model's nodes, as it says in its own log when a session is made: the CoreML
 * EP's summary ("number of partitions supported by CoreML: P number of nodes in the graph: N number of
 * nodes supported by CoreML: S", at INFO, or WARNING when P > 1) and the placement report at VERBOSE
 * ("Node(s) placed on [CoreMLExecutionProvider]. Number of nodes: K", one node per CoreML partition once
 * it is fused, and the CPU's count). The Java API has no way to ask for these, so {@link OrtLog} reads
 * them from what ONNX Runtime writes to stderr. Where stderr cannot be borrowed (a trial beside the
 * speech), ONNX Runtime's profile of one run says which provider ran each node: the partitions (one
 * fused node each) and the CPU's nodes, of those that ran (an If branch not taken is not counted).
 *
 * @param partitions  the CoreML EP's partitions (absent: it did not say)
 * @param graphNodes  nodes of the graph the CoreML EP was offered (after ONNX Runtime's optimizations)
 * @param coremlNodes of those, the nodes CoreML took
 * @param placed      provider (ONNX Runtime's name, "CPUExecutionProvider") → nodes placed on it, subgraphs included
 */
record Placement(OptionalInt partitions, OptionalInt graphNodes, OptionalInt coremlNodes,
                        Map<String, Integer> placed) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY = Pattern.compile("number of partitions supported by CoreML: (\\d+)"
            + " number of nodes in the graph: (\\d+) number of nodes supported by CoreML: (\\d+)");
    private static final Pattern PLACED = Pattern.compile("(?:All nodes|Node\\(s\\)) placed on \\[(\\w+)\\]\\. "
            + "Number of nodes: (\\d+)");

    public Placement {
        placed = Map.copyOf(placed);
    }

    /** What ONNX Runtime's log lines say; empty when they say nothing about placement. */
    static Optional<Placement> parse(List<String> lines) {
        OptionalInt partitions = OptionalInt.empty();
        OptionalInt graph = OptionalInt.empty();
        OptionalInt coreml = OptionalInt.empty();
        Map<String, Integer> placed = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) { // once per graph the EP is offered; the last is the main graph's final say
                partitions = OptionalInt.of(Integer.parseInt(m.group(1)));
                graph = OptionalInt.of(Integer.parseInt(m.group(2)));
                coreml = OptionalInt.of(Integer.parseInt(m.group(3)));
            }
            m = PLACED.matcher(line);
            if (m.find()) {
                placed.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
            }
        }
        if (partitions.isEmpty() && placed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Placement(partitions, graph, coreml, placed));
    }

    /**
     * The nodes each provider ran, from an ONNX Runtime profile ({@code SessionOptions.enableProfiling}):
     * its "Node" events name the node and the provider that ran it. Empty when it holds none.
     */
    static Optional<Placement> fromProfile(Path profile) throws IOException {
        Map<String, Set<String>> nodes = new LinkedHashMap<>();
        try (JsonParser events = JSON.createParser(profile.toFile())) {
            if (events.nextToken() != JsonToken.START_ARRAY) {
                return Optional.empty();
            }
            while (events.nextToken() == JsonToken.START_OBJECT) {
                JsonNode e = JSON.readTree(events);
                String name = e.path("name").asText();
                String provider = e.path("args").path("provider").asText("");
                if (e.path("cat").asText().equals("Node") && name.endsWith("_kernel_time") && !provider.isEmpty()) {
                    nodes.computeIfAbsent(provider, p -> new HashSet<>()).add(name);
                }
            }
        }
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> placed = new LinkedHashMap<>();
        nodes.forEach((provider, names) -> placed.put(provider, names.size()));
        return Optional.of(new Placement(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), placed));
    }

    /** Nodes ONNX Runtime ran on the CPU (absent: it did not say). */
    public OptionalInt cpuNodes() {
        Integer n = placed.get("CPUExecutionProvider");
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** "CoreML took 627 of 1234 nodes in 171 partitions; 607 nodes on the CPU", or what of it is known. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (partitions.isPresent()) {
            s.append(String.format(Locale.ROOT, "CoreML took %d of %d nodes in %d %s", coremlNodes.getAsInt(),
                    graphNodes.getAsInt(), partitions.getAsInt(), partitions.getAsInt() == 1 ? "partition" : "partitions"));
        } else if (placed.containsKey("CoreMLExecutionProvider")) {
            int n = placed.get("CoreMLExecutionProvider");
            s.append(n).append(n == 1 ? " partition" : " partitions").append(" on CoreML");
        }
        cpuNodes().ifPresent(n -> s.append(s.length() == 0 ? "" : "; ").append(n).append(n == 1 ? " node" : " nodes")
                .append(" on the CPU"));
        placed.forEach((provider, n) -> {
            if (!provider.equals("CPUExecutionProvider") && !provider.equals("CoreMLExecutionProvider")) {
                s.append(s.length() == 0 ? "" : "; ").append(n).append(" on ").append(provider);
            }
        });
        return s.length() == 0 ? "no placement reported" : s.toString();
    }
}
