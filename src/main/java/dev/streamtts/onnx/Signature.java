package dev.streamtts.onnx;

import ai.onnxruntime.OrtSession;
import dev.streamtts.models.ModelException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inputs and outputs a model must have, checked when its session opens: a file swapped for another
 * (an encoder where the decoder should be, a model of another kind) is then a clear start-up error
 * instead of a failure on every sentence.
 *
 * @param inputs          inputs the model must take
 * @param optionalInputs  inputs it may also take
 * @param inputPrefixes   prefixes of further inputs it may take (a decoder's {@code past_key_values.})
 * @param outputs         outputs it must produce
 */
public record Signature(Set<String> inputs, Set<String> optionalInputs, List<String> inputPrefixes,
                        Set<String> outputs) {

    public Signature {
        inputs = Set.copyOf(inputs);
        optionalInputs = Set.copyOf(optionalInputs);
        inputPrefixes = List.copyOf(inputPrefixes);
        outputs = Set.copyOf(outputs);
    }

    /** Throws a {@link ModelException} naming the file and both signatures when the session does not fit. */
    void check(OrtSession session, Path model, String what, String fix) throws ModelException {
        Set<String> have = session.getInputNames();
        Set<String> produced = session.getOutputNames();
        boolean fits = have.containsAll(inputs) && produced.containsAll(outputs)
                && have.stream().allMatch(n -> inputs.contains(n) || optionalInputs.contains(n)
                        || inputPrefixes.stream().anyMatch(n::startsWith));
        if (!fits) {
            throw new ModelException(model + ": this file is not the " + what + " (it takes " + new TreeSet<>(have) + " and gives " + new TreeSet<>(produced) + "; expected "
                    + describe() + "); the file is probably another model's; " + fix);
        }
    }

    private String describe() {
        Set<String> in = new TreeSet<>(inputs);
        String optional = optionalInputs.isEmpty() && inputPrefixes.isEmpty() ? ""
                : " (optionally " + String.join(", ", new TreeSet<>(optionalInputs))
                        + (inputPrefixes.isEmpty() ? "" : (optionalInputs.isEmpty() ? "" : ", ")
                        + String.join(", ", inputPrefixes.stream().map(p -> p + "*").toList())) + ")";
        return "inputs " + in + optional + " and outputs " + new TreeSet<>(outputs);
    }
}
