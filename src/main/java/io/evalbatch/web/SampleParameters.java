package io.evalbatch.web;

/**
 * The query parameters of the samples grid, as they arrive: the page form and the API share them.
 * Numbers that do not parse are reported as such, not as a server error.
 */
public record SampleParameters(String task, String outcome, String q, String minMs, String maxMs, String reused,
                               String sort, String afterId, String afterMs, String limit) {

    SampleFilter filter() {
        Boolean reusedOnly = reused == null || reused.isBlank() ? null : switch (reused) {
            case "reused" -> true;
            case "computed" -> false;
            default -> throw new IllegalArgumentException("reused must be reused or computed");
        };
        return new SampleFilter(task, outcome, q, number("minMs", minMs), number("maxMs", maxMs), reusedOnly, sort,
                number("afterId", afterId), number("afterMs", afterMs),
                limit == null || limit.isBlank() ? 50 : number("limit", limit).intValue());
    }

    private static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }
}
