package io.evalbatch.report;

/**
 * Text of model output made safe to print on a terminal: line breaks and tabs are kept, every
 * other control character (escape sequences that would move the cursor, clear the screen or set
 * the title) is written as an escape.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** Multi-line text: line breaks and tabs kept. */
    public static String safe(String text) {
        return escaped(text, true);
    }

    /** One line of at most {@code max} characters: line breaks and tabs escaped too, the rest cut. */
    public static String oneLine(String text, int max) {
        String line = escaped(text, false);
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }

    private static String escaped(String text, boolean keepLines) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (keepLines && (c == '\n' || c == '\t')) {
                out.appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
