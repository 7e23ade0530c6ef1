package io.evalbatch.filter.evalplus;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a problem's reference solution gave on its base and plus inputs, as {@code ground_truth.py}
 * prints it (and the store keeps it): {@code text} is that JSON.
 */
record GroundTruth(String text, Part base, Part plus) {

    /**
     * One part's inputs and expected outputs ({@code data}, for the check program) and the
     * reference's CPU seconds per input.
     */
    record Part(String data, List<Double> cpu) {

        /** evalplus's limit of one input: max(minimum, factor × the reference's time). */
        double inputLimit(int index, double minimum, double factor) {
            return Math.max(minimum, factor * cpu.get(index));
        }

        /**
         * evalplus's budget of a whole check: min(60 s, the sum of its inputs' limits) + 1 s; a
         * check that outlives it is a {@code timeout}.
         */
        double budget(double minimum, double factor) {
            double sum = 0;
            for (int i = 0; i < cpu.size(); i++) {
                sum += inputLimit(i, minimum, factor);
            }
            return Math.min(60, sum) + 1;
        }

        int inputs() {
            return cpu.size();
        }
    }

    /**
     * Reads what the script printed.
     *
     * @throws IllegalStateException with the script's own reason when the reference solution failed
     */
    static GroundTruth parse(String text, JsonMapper json) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalStateException("the ground truth is not JSON: " + e.getOriginalMessage());
        }
        if (root.has("error")) {
            throw new IllegalStateException(root.get("error").asString());
        }
        return new GroundTruth(text, part(root.get("base")), part(root.get("plus")));
    }

    private static Part part(JsonNode node) {
        List<Double> cpu = new ArrayList<>();
        node.get("cpu").forEach(t -> cpu.add(t.doubleValue()));
        return new Part(node.get("data").stringValue(), List.copyOf(cpu));
    }
}
