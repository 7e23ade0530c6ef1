package io.evalbatch.filter.python;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.filter.Sample;

/** The top-level modules the problems themselves (prompts and tests) import, each with the first problem that does. */
final class ProblemImports {

    private static final Pattern IMPORT = Pattern.compile("(?m)^[ \\t]*import[ \\t]+([\\w.]+(?:[ \\t]+as[ \\t]+\\w+)?"
            + "(?:[ \\t]*,[ \\t]*[\\w.]+(?:[ \\t]+as[ \\t]+\\w+)?)*)");
    private static final Pattern FROM = Pattern.compile("(?m)^[ \\t]*from[ \\t]+([A-Za-z_]\\w*)[\\w.]*[ \\t]+import\\b");

    private ProblemImports() {
    }

    /** Module name to "task doc" of the first problem importing it, in name order. */
    static Map<String, String> of(Iterable<Sample> problems) {
        Map<String, String> modules = new TreeMap<>();
        for (Sample problem : problems) {
            String where = problem.task() + " " + problem.docId();
            for (String source : new String[] {problem.prompt(), problem.test()}) {
                Matcher imports = IMPORT.matcher(source);
                while (imports.find()) {
                    for (String part : imports.group(1).split(",")) {
                        modules.putIfAbsent(part.strip().split("[ \\t.]", 2)[0], where);
                    }
                }
                Matcher from = FROM.matcher(source);
                while (from.find()) {
                    modules.putIfAbsent(from.group(1), where);
                }
            }
        }
        return modules;
    }
}
