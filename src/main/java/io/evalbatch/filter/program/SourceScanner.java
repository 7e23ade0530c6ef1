package io.evalbatch.filter.program;

/**
 * Walks C, C++ and Java source past comments, string and character literals (Java text blocks
 * and C++ raw strings included), so that braces and keywords are found only in code.
 */
final class SourceScanner {

    private final String source;

    SourceScanner(String source) {
        this.source = source;
    }

    /** Where the code continues after whatever starts at {@code at}: itself + 1 for code, past the literal or comment otherwise. */
    int skip(int at) {
        char c = source.charAt(at);
        if (c == '/' && at + 1 < source.length()) {
            char next = source.charAt(at + 1);
            if (next == '/') {
                int end = source.indexOf('\n', at);
                return end < 0 ? source.length() : end;
            }
            if (next == '*') {
                int end = source.indexOf("*/", at + 2);
                return end < 0 ? source.length() : end + 2;
            }
        }
        if (c == '"' && source.startsWith("\"\"\"", at)) {
            int end = source.indexOf("\"\"\"", at + 3);
            return end < 0 ? source.length() : end + 3;
        }
        if (c == 'R' && source.startsWith("R\"", at) && (at == 0 || !Character.isJavaIdentifierPart(source.charAt(at - 1)))) {
            int open = source.indexOf('(', at + 2);
            if (open > 0 && open - at - 2 <= 16) {
                String close = ")" + source.substring(at + 2, open) + "\"";
                int end = source.indexOf(close, open);
                return end < 0 ? source.length() : end + close.length();
            }
        }
        if (c == '"' || c == '\'') {
            int i = at + 1;
            while (i < source.length() && source.charAt(i) != c && source.charAt(i) != '\n') {
                i += source.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(source.length(), i + 1);
        }
        return at + 1;
    }

    /** Whether {@code at} is in code, not inside a comment or literal. */
    boolean inCode(int at) {
        int i = 0;
        while (i < at) {
            int next = skip(i);
            if (next > at && next - i > 1) {
                return false;
            }
            i = next;
        }
        return true;
    }

    /** The brace that closes the one at {@code open}, or -1. */
    int closing(int open) {
        int depth = 0;
        for (int i = open; i < source.length(); ) {
            char c = source.charAt(i);
            int next = skip(i);
            if (next == i + 1) {
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            i = next;
        }
        return -1;
    }

    /** The first {@code c} in code at or after {@code from}, or -1. */
    int next(char c, int from) {
        for (int i = from; i < source.length(); ) {
            int next = skip(i);
            if (next == i + 1 && source.charAt(i) == c) {
                return i;
            }
            i = next;
        }
        return -1;
    }
}
