package io.evalbatch.filter;

import java.util.Map;

/**
 * Program templates: {@code {name}} placeholders replaced in one pass, so that braces inside the
 * values (a response's own code) are left alone.
 */
public final class Placeholders {

    private Placeholders() {
    }

    /** The template with every placeholder of {@code values} (keys written with their braces) replaced. */
    public static String render(String template, Map<String, String> values) {
        StringBuilder text = new StringBuilder(template.length() + 256);
        int at = 0;
        while (at < template.length()) {
            String placeholder = null;
            if (template.charAt(at) == '{') {
                for (String candidate : values.keySet()) {
                    if (template.startsWith(candidate, at)) {
                        placeholder = candidate;
                        break;
                    }
                }
            }
            if (placeholder != null) {
                text.append(values.get(placeholder));
                at += placeholder.length();
            } else {
                text.append(template.charAt(at++));
            }
        }
        return text.toString();
    }
}
