package io.evalbatch.filter;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure that says the machine lacks something the <em>problem</em> loads (its prompt or its
 * tests): a Python module, a Perl module, a node module, a Java package, a C/C++ header. Every sample
 * of the problem would fail for it, whatever the answer, so it is the scorer's error, not the
 * answer's failure. What only the response loads stays the answer's failure: a model may not use
 * what the benchmark does not provide.
 *
 * <p>Each language has the message its toolchain prints for a missing dependency, and the way its
 * source loads one; both must match for the failure to count as the machine's.
 */
public final class MissingDependency {

    /**
     * @param message what the toolchain prints; group 1 names the missing thing as it spells it
     * @param loads   from that name, the statement by which a source loads it
     * @param shown   the name as a person of the language writes it
     */
    private record Signature(Pattern message, Function<String, Pattern> loads, Function<String, String> shown) {
    }

    private static final Function<String, String> AS_IS = name -> name;

    private static final Signature PYTHON = new Signature(Pattern.compile("No module named '([A-Za-z_][\\w.]*)'"),
            name -> {
                String top = Pattern.quote(name.split("\\.", 2)[0]);
                return Pattern.compile("(?m)^\\s*(?:import\\s+(?:[\\w.]+(?:\\s+as\\s+\\w+)?\\s*,\\s*)*" + top
                        + "\\b|from\\s+" + top + "\\b[\\w.]*\\s+import\\b)");
            }, AS_IS);

    private static final Signature PERL = new Signature(Pattern.compile("Can't locate ([\\w/]+)\\.pm in @INC"),
            name -> Pattern.compile("\\b(?:use|require)\\s+" + Pattern.quote(name.replace("/", "::")) + "\\b"),
            name -> name.replace("/", "::"));

    private static final Signature JAVASCRIPT = new Signature(Pattern.compile("Cannot find module '([^']+)'"),
            name -> {
                String module = Pattern.quote(name.startsWith("node:") ? name.substring(5) : name);
                return Pattern.compile("(?:require\\(\\s*|from\\s+|import\\s+)['\"](?:node:)?" + module + "['\"]");
            }, AS_IS);

    /** A class the run cannot load, or a package javac cannot find: the problem imports its package. */
    private static final Signature JAVA = new Signature(Pattern.compile(
            "(?:NoClassDefFoundError: |ClassNotFoundException: )([\\w/$.]+)|package ([\\w.]+) does not exist"),
            name -> Pattern.compile("\\bimport\\s+(?:static\\s+)?" + Pattern.quote(name) + "\\."),
            AS_IS);

    private static final Signature C = new Signature(Pattern.compile(
            "fatal error: ([\\w./+-]+): No such file or directory"),
            name -> Pattern.compile("#\\s*include\\s*[<\"]" + Pattern.quote(name) + "[>\"]"), AS_IS);

    private static final Map<String, Signature> SIGNATURES = Map.of("python", PYTHON, "perl", PERL,
            "javascript", JAVASCRIPT, "java", JAVA, "c", C, "cpp", C);

    private MissingDependency() {
    }

    /**
     * The result to record: an error of the machine instead of the answer's failure when the failure's
     * detail says the machine lacks what the problem loads; otherwise {@code result} as it is (also
     * for languages without a signature).
     */
    public static FilterResult judged(String language, Sample sample, FilterResult result) {
        Signature signature = SIGNATURES.get(language);
        if (signature == null || result.outcome() != Outcome.FAILED || result.detail() == null) {
            return result;
        }
        return machinesError(signature, language, sample, result).orElse(result);
    }

    private static Optional<FilterResult> machinesError(Signature signature, String language, Sample sample,
                                                        FilterResult failure) {
        Matcher missing = signature.message().matcher(failure.detail());
        while (missing.find()) {
            String name = missing.group(1) != null ? missing.group(1) : missing.group(2);
            String loaded = language.equals("java") && missing.group(1) != null ? javaPackage(name) : name;
            Pattern loads = signature.loads().apply(loaded);
            if (loads.matcher(sample.prompt()).find() || loads.matcher(sample.test()).find()) {
                String shown = signature.shown().apply(loaded);
                return Optional.of(FilterResult.error(ErrorCause.MISSING_DEPENDENCY, "the problem loads " + shown
                        + ", which this machine lacks (" + missing.group().strip() + "); install it where the filter "
                        + "runs its programs, then restart the run\n" + failure.detail()));
            }
        }
        return Optional.empty();
    }

    /** {@code org/javatuples/Pair} or {@code org.javatuples.Pair}: the package, {@code org.javatuples}. */
    private static String javaPackage(String className) {
        String dotted = className.replace('/', '.');
        int last = dotted.lastIndexOf('.');
        return last < 0 ? dotted : dotted.substring(0, last);
    }
}
