package io.evalbatch.filter.evalplus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The Python program that checks one part of one sample: {@code check.py} after one line of
 * constants. Texts travel as base64, so no response can end the line it is put in.
 */
final class CheckProgram {

    private static final String CHECK = GroundTruths.resource("check.py");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final double minimum;
    private final double factor;
    private final boolean fastCheck;

    /**
     * @param minimum   evalplus's min-time-limit, in CPU seconds
     * @param factor    evalplus's gt-time-limit-factor
     * @param fastCheck whether a part ends at its first failing input (evalplus's default)
     */
    CheckProgram(double minimum, double factor, boolean fastCheck) {
        this.minimum = minimum;
        this.factor = factor;
        this.fastCheck = fastCheck;
    }

    String render(EvalplusProblem problem, GroundTruth.Part part, String solution) {
        if (!IDENTIFIER.matcher(problem.entryPoint()).matches()) {
            throw new IllegalArgumentException("entry point '" + problem.entryPoint() + "' of " + problem.taskId()
                    + " is not a Python name");
        }
        // evalplus's special oracle of HumanEval/32: the result must be a root, not the reference's root.
        boolean findZero = problem.taskId().startsWith("HumanEval/") && problem.entryPoint().equals("find_zero");
        return "_PART = (\"" + part.data() + "\", \"" + base64(solution) + "\", \"" + problem.reference()
                + "\", \"" + problem.entryPoint() + "\", " + problem.atol() + ", " + (fastCheck ? "True" : "False")
                + ", " + minimum + ", " + factor + ", " + (findZero ? "\"find_zero\"" : "None") + ")\n" + CHECK;
    }

    /** evalplus's budget of the part: the CPU seconds its check may take in all. */
    double budget(GroundTruth.Part part) {
        return part.budget(minimum, factor);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
