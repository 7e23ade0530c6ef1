package io.evalbatch.report;

/**
 * Text of model output made safe to print on a terminal: line breaks and tabs are kept, every
 * other control character (escape sequences that would move the cursor, clear the screen or set
 * the title) is written as an escape.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t') {
                out.appendCodePoint(c);
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
