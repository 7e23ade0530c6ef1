package io.evalbatch.ingest;

import tools.jackson.databind.JsonNode;

/** Typed access to the fields of one JSON line; every failure names file, line and field. */
record JsonFields(String file, long line, JsonNode node) {

    JsonFields {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(file, line, "expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
    }

    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isMissingNode()) {
            throw invalid("missing field '" + field + "'");
        }
        if (!value.isString()) {
            throw invalid("field '" + field + "' must be a string, found " + describe(value));
        }
        return value.stringValue();
    }

    /** A string, or a list of strings joined by newlines (MBPP's list of asserts). */
    String textOrLines(String field) {
        JsonNode value = field(field);
        if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
            // Test cases ({input, output} objects, as stdin/stdout problems have): kept as JSON
            // for the program filter to read.
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isObject()) {
                    throw invalid("field '" + field + "' mixes test cases and " + describe(value.get(i))
                            + " (element " + i + ")");
                }
            }
            return value.toString();
        }
        if (value.isArray()) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isString()) {
                    throw invalid("field '" + field + "' must be a string or a list of strings, but element " + i
                            + " is " + describe(value.get(i)));
                }
                lines.append(i == 0 ? "" : "\n").append(value.get(i).stringValue());
            }
            return lines.toString();
        }
        return text(field);
    }

    /** A string, or a number written as its decimal text (document ids come as either). */
    String id(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isMissingNode()) {
            throw invalid("missing field '" + field + "'");
        }
        if (value.isString() || value.isIntegralNumber()) {
            return value.asString();
        }
        throw invalid("field '" + field + "' must be a string or an integer, found " + describe(value));
    }

    JsonNode field(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isMissingNode()) {
            throw invalid("missing field '" + field + "'");
        }
        return value;
    }

    InvalidInputException invalid(String reason) {
        return new InvalidInputException(file, line, reason);
    }

    static String describe(JsonNode value) {
        return value.isNull() ? "null" : value.getNodeType().toString().toLowerCase() + " " + abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
