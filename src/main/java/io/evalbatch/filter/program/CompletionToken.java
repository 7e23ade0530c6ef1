package io.evalbatch.filter.program;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a program proves that its tests ran to the end: after their last statement it writes a
 * random token to descriptor 3, which only the sandbox reads. A completion that calls
 * {@code exit(0)} inside the function under test ends with status 0 but without the token, and is
 * not passed (MultiPL-E would pass it). One style per language family; {@code none} for a
 * language added by a job that does not say how, where status 0 alone passes.
 */
enum CompletionToken {

    /** Top-level statements after the tests. */
    PYTHON {
        @Override
        Harnessed add(String program, String token) {
            return new Harnessed(program + "\nimport os as _evalbatch_os\n_evalbatch_os.write(3, b'" + token + "')\n",
                    null);
        }
    },
    JAVASCRIPT {
        @Override
        Harnessed add(String program, String token) {
            return new Harnessed(program + "\n;require('fs').writeSync(3, '" + token + "');\n", null);
        }
    },
    /** Keeps the script's own exit status, which is the status of its last command. */
    BASH {
        @Override
        Harnessed add(String program, String token) {
            return new Harnessed(program + "\n__evalbatch_status=$?\nif [ \"$__evalbatch_status\" -eq 0 ]; then "
                    + "printf '%s' '" + token + "' >&3; fi\nexit \"$__evalbatch_status\"\n", null);
        }
    },
    PERL {
        @Override
        Harnessed add(String program, String token) {
            return new Harnessed(program + "\n;{ open(my $evalbatch_token, '>&=', 3) or die \"no descriptor 3\\n\"; "
                    + "print {$evalbatch_token} '" + token + "'; close($evalbatch_token); }\n", null);
        }
    },
    /**
     * The tests' {@code main} becomes an ordinary function (returning 0 where main would fall off
     * its end), called by a new {@code main} that writes the token when it returns.
     */
    C {
        @Override
        Harnessed add(String program, String token) {
            SourceScanner scanner = new SourceScanner(program);
            Matcher m = C_MAIN.matcher(program);
            int at = -1;
            while (m.find()) {
                if (scanner.inCode(m.start())) {
                    at = m.start();
                }
            }
            if (at < 0) {
                return missing("int main(");
            }
            m.find(at);
            int parameters = m.end();
            int closeParameters = scanner.next(')', parameters);
            int open = closeParameters < 0 ? -1 : scanner.next('{', closeParameters);
            int close = open < 0 ? -1 : scanner.closing(open);
            if (close < 0) {
                return missing("the body of main");
            }
            String declared = program.substring(parameters, closeParameters).strip();
            String arguments = declared.isEmpty() || declared.equals("void") ? "" : "argc, argv";
            int name = program.indexOf("main", at);
            String harnessed = program.substring(0, name) + "evalbatch_tests_main" + program.substring(name + 4, close)
                    + "\n    return 0;\n" + program.substring(close)
                    + "\n#include <unistd.h>\nint main(int argc, char **argv) {\n    (void) argc;\n    (void) argv;\n"
                    + "    int evalbatch_status = evalbatch_tests_main(" + arguments + ");\n"
                    + "    if (evalbatch_status == 0 && write(3, \"" + token + "\", " + token.length() + ") < 0) {\n"
                    + "        return 70;\n    }\n    return evalbatch_status;\n}\n";
            return new Harnessed(harnessed, null);
        }
    },
    /** Like C: the tests' {@code fn main} is renamed and called by one that writes the token. */
    RUST {
        @Override
        Harnessed add(String program, String token) {
            Matcher m = RUST_MAIN.matcher(program);
            int at = -1;
            while (m.find()) {
                at = m.start(1);
            }
            if (at < 0) {
                return missing("fn main()");
            }
            String harnessed = program.substring(0, at) + "evalbatch_tests_main" + program.substring(at + 4)
                    + "\nfn main() -> std::process::ExitCode {\n"
                    + "    let evalbatch_code = std::process::Termination::report(evalbatch_tests_main());\n"
                    + "    if evalbatch_code == std::process::ExitCode::SUCCESS {\n"
                    + "        use std::io::Write;\n        use std::os::unix::io::FromRawFd;\n"
                    + "        let mut evalbatch_token = unsafe { std::fs::File::from_raw_fd(3) };\n"
                    + "        if evalbatch_token.write_all(b\"" + token + "\").is_err() {\n"
                    + "            return std::process::ExitCode::from(70);\n        }\n    }\n"
                    + "    evalbatch_code\n}\n";
            return new Harnessed(harnessed, null);
        }
    },
    /**
     * The tests' {@code main} is renamed; a new {@code main} at the end of the same class calls it
     * and writes the token. The class is the one to run.
     */
    JAVA {
        @Override
        Harnessed add(String program, String token) {
            SourceScanner scanner = new SourceScanner(program);
            int name = lastJavaMain(program, scanner);
            if (name < 0) {
                return missing("static void main(");
            }
            JavaClass owner = enclosingClass(program, scanner, name);
            if (owner == null) {
                return missing("the class of main");
            }
            String ours = "\n    public static void main(String[] evalbatchArgs) throws Throwable {\n"
                    + "        evalbatchTestsMain(evalbatchArgs);\n"
                    + "        try (java.io.FileOutputStream evalbatchToken = new java.io.FileOutputStream(\"/proc/self/fd/3\")) {\n"
                    + "            evalbatchToken.write(\"" + token + "\".getBytes());\n        }\n    }\n";
            String harnessed = program.substring(0, name) + "evalbatchTestsMain" + program.substring(name + 4, owner.close())
                    + ours + program.substring(owner.close());
            return new Harnessed(harnessed, owner.name());
        }
    },
    NONE {
        @Override
        Harnessed add(String program, String token) {
            return new Harnessed(program, null);
        }
    };

    private static final Pattern C_MAIN = Pattern.compile("\\bint\\s+main\\s*\\(");
    private static final Pattern RUST_MAIN = Pattern.compile("\\bfn\\s+(main)\\s*\\(\\s*\\)");
    private static final Pattern JAVA_MAIN = Pattern.compile("\\bstatic\\s+void\\s+(main)\\s*\\(");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /**
     * The program with the token written after its tests, and for Java the class whose
     * {@code main} to run (null for other languages). {@code missing} explains a program the
     * harness found no place in; such a program cannot pass.
     */
    record Harnessed(String program, String mainClass, String missing) {

        Harnessed(String program, String mainClass) {
            this(program, mainClass, null);
        }
    }

    abstract Harnessed add(String program, String token);

    /** The name a job file uses. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CompletionToken of(String key) {
        for (CompletionToken style : values()) {
            if (style.key().equals(key)) {
                return style;
            }
        }
        return null;
    }

    private static Harnessed missing(String what) {
        return new Harnessed(null, null, "the program has no " + what + " after which its tests could be confirmed");
    }

    private record JavaClass(String name, int close) {
    }

    /**
     * The class whose {@code main} comes last in a Java program (nested classes named as the JVM
     * names them, {@code Outer$Inner}), which is the class to run; "Main" when there is none.
     */
    static String javaMainClass(String program) {
        SourceScanner scanner = new SourceScanner(program);
        int main = lastJavaMain(program, scanner);
        JavaClass owner = main < 0 ? null : enclosingClass(program, scanner, main);
        return owner == null ? "Main" : owner.name();
    }

    /** Where the name of the last {@code static void main(} in code starts, or -1. */
    private static int lastJavaMain(String program, SourceScanner scanner) {
        Matcher m = JAVA_MAIN.matcher(program);
        int name = -1;
        while (m.find()) {
            if (scanner.inCode(m.start())) {
                name = m.start(1);
            }
        }
        return name;
    }

    /** The innermost named class (interface, enum, record) whose body holds {@code position}. */
    private static JavaClass enclosingClass(String program, SourceScanner scanner, int position) {
        record Open(String name, int at) {
        }
        Deque<Open> open = new ArrayDeque<>();
        String pending = null;
        List<String> names = new ArrayList<>();
        JavaClass found = null;
        for (int i = 0; i < program.length(); ) {
            int next = scanner.skip(i);
            if (next > i + 1) {
                i = next;
                continue;
            }
            char c = program.charAt(i);
            if (i == position) {
                Open owner = open.stream().filter(o -> o.name() != null).findFirst().orElse(null);
                if (owner == null) {
                    return null;
                }
                names.clear();
                open.descendingIterator().forEachRemaining(o -> {
                    if (o.name() != null) {
                        names.add(o.name());
                    }
                });
                found = new JavaClass(String.join("$", names), owner.at());
            }
            if (Character.isJavaIdentifierStart(c) && (i == 0 || !Character.isJavaIdentifierPart(program.charAt(i - 1)))) {
                Matcher word = IDENTIFIER.matcher(program).region(i, program.length());
                if (word.lookingAt()) {
                    String w = word.group();
                    boolean declares = (w.equals("class") || w.equals("interface") || w.equals("enum")
                            || w.equals("record")) && !precededByDot(program, i);
                    if (declares) {
                        Matcher declared = IDENTIFIER.matcher(program).region(skipSpace(program, word.end()), program.length());
                        if (declared.lookingAt()) {
                            pending = declared.group();
                        }
                    }
                    i = word.end();
                    continue;
                }
            }
            if (c == '{') {
                open.push(new Open(pending, i));
                pending = null;
            } else if (c == '}' && !open.isEmpty()) {
                Open closed = open.pop();
                if (found != null && closed.at() == found.close()) {
                    return new JavaClass(found.name(), i);
                }
            } else if (c == ';') {
                pending = null;
            }
            i++;
        }
        return null;
    }

    private static boolean precededByDot(String program, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(program.charAt(i))) {
            i--;
        }
        return i >= 0 && program.charAt(i) == '.';
    }

    private static int skipSpace(String program, int at) {
        int i = at;
        while (i < program.length() && Character.isWhitespace(program.charAt(i))) {
            i++;
        }
        return i;
    }
}
