package dev.streamtts.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * 'stream-tts bench providers': each configured model on each provider this machine has, timed as a
 * provider trial times it (load, one untimed run, the median of the timed runs), with ONNX Runtime's
 * own report of where the nodes went; printed as a Markdown table to paste into an issue, followed by
 * what {@code onnx.provider} makes of each model. Runs in the foreground, one model and provider at a time.
 */
public final class ProviderBench {
    private ProviderBench() {
    }

    /**
     * @param models   the files a run with this configuration opens
     * @param missing  a line for each part of the configuration that is not installed
     * @param remember also remember the verdicts, as a background trial would (auto on Apple Silicon)
     * @param version  stream-tts's version, for the header
     */
    public record Request(List<ModelUse> models, List<String> missing, OnnxOptions options, int runs,
                          boolean remember, String version) {
        public Request {
            models = List.copyOf(models);
            missing = List.copyOf(missing);
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be >= 1: " + runs);
            }
        }
    }

    /** The providers measured here (the CPU first), and why the others are not. */
    record Providers(List<ExecutionProvider> measured, List<String> notMeasured) {
    }

    static Providers providers(OnnxOptions options) {
        List<ExecutionProvider> measured = new ArrayList<>(List.of(ExecutionProvider.CPU));
        List<String> not = new ArrayList<>();
        EnumSet<OrtProvider> build = OrtEnvironment.getAvailableProviders();
        String has = build.stream().map(OrtProvider::name).collect(Collectors.joining(", "));
        if (!Machine.appleSilicon()) {
            not.add("CoreML: not measured: it needs macOS on Apple Silicon (this is " + System.getProperty("os.name")
                    + " " + System.getProperty("os.arch") + ")");
        } else if (!build.contains(OrtProvider.CORE_ML)) {
            not.add("CoreML: not measured: this ONNX Runtime build has no CoreML (it has " + has + ")");
        } else {
            probe(ExecutionProvider.COREML, options, measured, not);
        }
        if (build.contains(OrtProvider.CUDA)) {
            probe(ExecutionProvider.CUDA, options, measured, not);
        } else if (!Machine.appleSilicon()) {
            not.add("CUDA: not measured: this ONNX Runtime build has no CUDA (it has " + has + ")");
        }
        return new Providers(measured, not);
    }

    private static void probe(ExecutionProvider p, OnnxOptions options, List<ExecutionProvider> measured,
                              List<String> not) {
        Optional<String> refused = OnnxSessions.probe(p, options);
        if (refused.isEmpty()) {
            measured.add(p);
        } else {
            not.add(p.label() + ": not measured: a session cannot be opened on it here (" + refused.get() + ")");
        }
    }

    /**
     * Measures, prints the table to {@code out} and what is being timed to {@code progress}. Returns
     * false when a model could not be run even on the CPU (or there was nothing to measure).
     */
    public static boolean run(Request request, PrintStream out, PrintStream progress) {
        OnnxOptions options = request.options();
        Providers providers = providers(options);
        Machine machine = Machine.current();
        out.println("## stream-tts bench providers");
        out.println();
        out.println(request.version() + ", ONNX Runtime " + OnnxSessions.version() + ", " + machine.describe() + ", "
                + LocalDate.now());
        out.println("onnx.threads " + options.intraOpThreads() + "; per provider: load, one untimed run, then "
                + request.runs() + " timed runs (the median is shown); CoreML as a run opens it (ML Program, all "
                + "compute units)");
        out.println();
        request.missing().forEach(m -> out.println("- " + m));
        if (request.models().isEmpty()) {
            out.println("Nothing to measure: no model of this configuration is installed.");
            return false;
        }
        out.println("| model | provider | load | first run | run (median) | CoreML partitions | nodes on CoreML | "
                + "nodes on CPU | note |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stream-tts-bench-watchdog");
            t.setDaemon(true);
            return t;
        });
        boolean allRan = true;
        List<String> verdicts = new ArrayList<>();
        try {
            for (ModelUse model : request.models()) {
                List<ProviderTrial.Measurement> measured = new ArrayList<>();
                for (ExecutionProvider p : providers.measured()) {
                    progress.println("stream-tts: timing " + model.what() + " (" + model.file().getFileName() + ") on "
                            + p.label() + "…");
                    ProviderTrial one = new ProviderTrial(new OrtLab(model.file(), options, model.sample(), OrtLab.Report.LOG),
                            List.of(p), ProviderTrial.Timer.system(), request.runs(), AutoProvider.BUDGET, watchdog);
                    ProviderTrial.Measurement m = one.measureAll().get(0);
                    measured.add(m);
                    out.println(row(model, m));
                }
                allRan &= measured.get(0).ok();
                verdicts.add(verdict(model, measured, request, options));
            }
        } finally {
            watchdog.shutdownNow();
        }
        out.println();
        providers.notMeasured().forEach(line -> out.println("- " + line));
        out.println();
        out.println("onnx.provider " + options.provider().name().toLowerCase(Locale.ROOT) + " on this "
                + "machine:");
        List<String> reasons = verdicts.stream().map(v -> v.substring(v.indexOf("): ") + 3)).distinct().toList();
        if (reasons.size() == 1 && verdicts.size() > 1 && !perModel(options)) {
            out.println("- every model: " + reasons.get(0));
        } else {
            verdicts.forEach(out::println);
        }
        return allRan;
    }

    private static String row(ModelUse model, ProviderTrial.Measurement m) {
        Optional<Placement> p = m.placement();
        String partitions = p.flatMap(x -> x.partitions().isPresent() ? Optional.of(x.partitions().getAsInt())
                : Optional.<Integer>empty()).map(String::valueOf).orElse("–");
        String coreml = p.flatMap(x -> x.coremlNodes().isPresent()
                ? Optional.of(x.coremlNodes().getAsInt() + " of " + x.graphNodes().getAsInt())
                : Optional.<String>empty()).orElse("–");
        String cpu = p.flatMap(x -> x.cpuNodes().isPresent() ? Optional.of(String.valueOf(x.cpuNodes().getAsInt()))
                : Optional.<String>empty()).orElse("–");
        String others = p.map(x -> x.placed().entrySet().stream()
                .filter(e -> !e.getKey().equals("CPUExecutionProvider") && !e.getKey().equals("CoreMLExecutionProvider"))
                .map(e -> e.getValue() + " on " + e.getKey()).collect(Collectors.joining(", "))).orElse("");
        String note = m.failure().map(f -> f + (others.isEmpty() ? "" : "; " + others)).orElse(others);
        return "| " + cell(model.what() + " `" + model.file().getFileName() + "`") + " | " + m.provider().label()
                + " | " + time(m.loadNanos()) + " | " + time(m.firstRunNanos()) + " | " + time(m.medianNanos())
                + (m.runs() > 0 ? " (" + m.runs() + ")" : "") + " | " + partitions + " | " + coreml + " | " + cpu
                + " | " + cell(note) + " |";
    }

    private static boolean perModel(OnnxOptions options) {
        return options.provider() == ExecutionProvider.AUTO && AutoProvider.perModel();
    }

    /** What onnx.provider does with the model, and on a Mac what the bench found and what CoreML never takes. */
    private static String verdict(ModelUse model, List<ProviderTrial.Measurement> measured, Request request,
                                  OnnxOptions options) {
        String name = "- " + model.what() + " (" + model.file().getFileName() + "): ";
        AutoProvider.Decision now = OnnxSessions.explain(model, options);
        StringBuilder s = new StringBuilder(name).append(now.provider().label()).append(": ").append(now.reason());
        if (Machine.appleSilicon()) {
            try {
                Map<String, Integer> never = CoreMlSupport.neverConverted(ModelOps.read(model.file()));
                if (!never.isEmpty()) {
                    s.append("\n  operators CoreML's EP has no converter for: ").append(never.entrySet().stream()
                            .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")));
                }
            } catch (IOException e) {
                s.append("\n  its operators cannot be read: ").append(e.getMessage());
            }
        }
        if (measured.size() < 2 || !measured.get(0).ok()) {
            return s.toString();
        }
        ProviderTrial.Outcome outcome = ProviderTrial.verdict(measured, LocalDate.now());
        s.append("\n  this bench: ").append(outcome.choice().label()).append(": ")
                .append(outcome.reason().replace(" in a trial on this machine on ", " on "));
        if (request.remember()) {
            s.append("\n  ").append(remember(model, options, outcome));
        }
        return s.toString();
    }

    private static String remember(ModelUse model, OnnxOptions options, ProviderTrial.Outcome outcome) {
        if (options.provider() != ExecutionProvider.AUTO || !AutoProvider.perModel()) {
            return "not remembered: only onnx.provider auto on Apple Silicon chooses per model";
        }
        try {
            Optional<String> ruledOut = CoreMlSupport.rulesOut(ModelOps.read(model.file()));
            if (ruledOut.isPresent()) {
                return "not remembered: auto keeps it on the CPU for its operators";
            }
            AutoProvider.shared().remember(model.what(), model.file(), options, outcome);
            return "remembered in " + AutoProvider.shared().choicesFile(options) + ": later runs use "
                    + outcome.choice().label();
        } catch (IOException e) {
            return "not remembered: " + e.getMessage();
        }
    }

    private static String time(long nanos) {
        return nanos < 0 ? "–" : ProviderTrial.time(nanos);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** How long the bench may take per model and provider, for the command's description. */
    public static Duration budget() {
        return AutoProvider.BUDGET;
    }
}
