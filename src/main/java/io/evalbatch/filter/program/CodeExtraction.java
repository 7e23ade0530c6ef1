package io.evalbatch.filter.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code in a response as chat models write it: Markdown fenced blocks, prose around them.
 * Two rules: {@link #fenced} (the first block in the language, else the first block, else the
 * whole response) and {@link #sandboxFusion}, SandboxFusion's {@code default_extract_helper},
 * which io benchmarks built on it (CodeContests, LiveCodeBench) expect byte for byte.
 */
final class CodeExtraction {

    // Python's \s is Unicode whitespace; so must ours be, or a block closed after a no-break space differs.
    private static final Pattern FENCED = Pattern.compile("```([^\\n]*)\\n(.*?)\\n\\s*```",
            Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern INCOMPLETE = Pattern.compile("```([^\\n]*)\\n(.*)",
            Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern PYTHON_HEURISTIC = Pattern.compile(
            "(?:^(?:import|from|#)[^\\n]+\\n)*^(?:def|class) [^\\n]+\\n(?:\\s+[^\\n]+\\n)+",
            Pattern.MULTILINE | Pattern.UNICODE_CHARACTER_CLASS);

    /** SandboxFusion's language names for a block's info string (its language_to_aliases, inverted). */
    private static final Map<String, String> TAGS = tags();

    /** A fenced block: what its info string names (SandboxFusion's name, or "") and its code. */
    record Block(String language, String code) {
    }

    private CodeExtraction() {
    }

    /**
     * The first complete fenced block tagged with the language (any of its usual names), else the
     * first complete block, else an unclosed block, else the whole response.
     */
    static String fenced(String response, String language) {
        String wanted = sandboxFusionName(language);
        List<Block> blocks = complete(response);
        if (blocks.isEmpty()) {
            blocks = incomplete(response);
        }
        if (blocks.isEmpty()) {
            return response;
        }
        return blocks.stream().filter(b -> b.language().equals(wanted)).findFirst().orElse(blocks.get(0)).code();
    }

    /**
     * SandboxFusion's default_extract_helper: complete blocks, else the unclosed block, else
     * (python, bash) heuristic blocks (its priorities 30, 20, 10); of those, the first tagged
     * {@code sandboxFusionLanguage}, else the first; "" when there is none.
     */
    static String sandboxFusion(String response, String sandboxFusionLanguage) {
        List<Block> blocks = complete(response);
        if (blocks.isEmpty()) {
            blocks = incomplete(response);
        }
        if (blocks.isEmpty()) {
            blocks = heuristic(response, sandboxFusionLanguage);
        }
        if (blocks.isEmpty()) {
            return "";
        }
        return blocks.stream().filter(b -> b.language().equals(sandboxFusionLanguage)).findFirst()
                .orElse(blocks.get(0)).code();
    }

    static List<Block> complete(String response) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCED.matcher(response);
        while (m.find()) {
            blocks.add(new Block(TAGS.getOrDefault(m.group(1).strip(), ""), m.group(2)));
        }
        return blocks;
    }

    static List<Block> incomplete(String response) {
        Matcher m = INCOMPLETE.matcher(response);
        return m.find() ? List.of(new Block(TAGS.getOrDefault(m.group(1).strip(), ""), m.group(2))) : List.of();
    }

    /** SandboxFusion's extract_heuristic_code, for the two languages it has one for here. */
    static List<Block> heuristic(String response, String sandboxFusionLanguage) {
        if (!sandboxFusionLanguage.equals("python") && !sandboxFusionLanguage.equals("bash")) {
            return List.of();
        }
        StringBuilder code = new StringBuilder();
        for (String line : response.split("\n", -1)) {
            if (!PythonText.strip(line).isEmpty()) {
                code.append(code.isEmpty() ? "" : "\n").append(line);
            }
        }
        code.append('\n');
        if (sandboxFusionLanguage.equals("bash")) {
            return List.of(new Block("bash", code.toString()));
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = PYTHON_HEURISTIC.matcher(code);
        while (m.find()) {
            blocks.add(new Block("python", m.group()));
        }
        return blocks;
    }

    /** Cuts the text at the earliest occurrence of any stop token, as MultiPL-E does with completions. */
    static String stopAt(String text, List<String> stopTokens) {
        int end = text.length();
        for (String token : stopTokens) {
            if (token.startsWith("re:")) {
                Matcher m = Pattern.compile(token.substring(3).strip()).matcher(text);
                if (m.find()) {
                    end = Math.min(end, m.start());
                }
            } else if (!token.isEmpty()) {
                int at = text.indexOf(token);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
        }
        return text.substring(0, end);
    }

    /** The name SandboxFusion gives an evalbatch language, as its blocks are tagged. */
    static String sandboxFusionName(String language) {
        return switch (language) {
            case "javascript" -> "nodejs";
            default -> language;
        };
    }

    private static Map<String, String> tags() {
        Map<String, String> tags = new java.util.HashMap<>();
        // Later entries win, as in the Python dict comprehension SandboxFusion builds the table with.
        String[][] aliases = {
                {"python", "python", "Python", "py", "Python3", "python3", "PY"},
                {"cpp", "cpp", "c++", "C++", "Cpp", "CPP"},
                {"nodejs", "javascript", "Javascript", "JavaScript", "JS", "js"},
                {"go", "go", "Go"},
                {"java", "java", "Java"},
                {"csharp", "csharp", "c#", "C#"},
                {"bash", "bash", "Bash", "BASH", "sh", "shell"},
                {"typescript", "typescript"},
                {"sql", "sql", "SQL", "Sql"},
                {"D", "D", "d"},
                {"julia", "julia", "Julia", "jl"},
                {"lua", "lua", "Lua"},
                {"php", "php", "PHP"},
                {"perl", "perl", "Perl", "PERL"},
                {"R", "R", "r"},
                {"ruby", "ruby", "Ruby"},
                {"rust", "rust", "Rust", "rs"},
                {"scala", "scala", "Scala"},
                {"kotlin", "kotlin", "Kotlin"},
                {"c", "c", "C"},
                {"html", "html", "Html", "HTML"},
                {"javascript", "javascript", "Javascript", "JavaScript"},
                {"verilog", "verilog", "Verilog", "VERILOG"},
                {"racket", "racket"},
                {"swift", "swift"},
        };
        for (String[] row : aliases) {
            for (int i = 1; i < row.length; i++) {
                tags.put(row[i], row[0]);
            }
        }
        return Map.copyOf(tags);
    }
}
