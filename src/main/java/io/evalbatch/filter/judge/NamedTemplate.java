package io.evalbatch.filter.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A template in the subset of Python's {@code str.format} that judge prompts are written in:
 * {@code {name}} is replaced by the named value, {@code {{} and {@code }}} stand for a brace. What
 * else {@code str.format} knows (positional fields, conversions, format specs, indexing) is refused
 * when the template is read, so a prompt is either filled exactly as Python fills it or rejected.
 * A dotted name, {@code {doc.turns.0}}, is one name to the values: it reaches a nested field of a
 * sample's document where Python would read an attribute.
 */
public final class NamedTemplate {

    /** A literal piece, or a placeholder when {@code name} is set. */
    private record Part(String literal, @Nullable String name) {
    }

    private final String text;
    private final List<Part> parts;

    private NamedTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the position and what is wrong */
    public static NamedTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' at character " + i);
                }
                String name = text.substring(i + 1, end);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_-]+)*")) {
                    throw new IllegalArgumentException("'{" + name + "}' at character " + i + " is not a named "
                            + "placeholder such as {answer} (write {{ and }} for braces)");
                }
                parts.add(new Part(literal.toString(), null));
                literal.setLength(0);
                parts.add(new Part("", name));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("single '}' at character " + i + " (write }} for a brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        parts.add(new Part(literal.toString(), null));
        return new NamedTemplate(text, List.copyOf(parts));
    }

    /** The names of the placeholders, in the order they first appear. */
    public List<String> names() {
        return parts.stream().map(Part::name).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** @throws IllegalArgumentException naming a placeholder without a value */
    public String fill(Map<String, String> values) {
        return fill(values::get);
    }

    /** @throws IllegalArgumentException naming a placeholder without a value */
    public String fill(java.util.function.Function<String, @Nullable String> values) {
        StringBuilder filled = new StringBuilder(text.length() + 256);
        for (Part part : parts) {
            String name = part.name();
            if (name == null) {
                filled.append(part.literal());
            } else {
                String value = values.apply(name);
                if (value == null) {
                    throw new IllegalArgumentException("no value for {" + name + "}");
                }
                filled.append(value);
            }
        }
        return filled.toString();
    }
}
