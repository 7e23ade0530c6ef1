package io.evalbatch.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param searchWindow samples one request of the grid examines at most for a filter no index
 *                     serves (text, durations, reuse, passed, unscored): a page then answers
 *                     within a fixed cost and says how far it searched ({@code
 *                     EVALBATCH_SERVE_SEARCH_WINDOW}; about 90 ms per 100,000 samples of text)
 * @param token        what every client must show ({@code EVALBATCH_SERVE_TOKEN}); when not set,
 *                     {@code serve} makes one up whenever it listens beyond loopback
 */
@ConfigurationProperties("evalbatch.serve")
public record ServeSettings(@DefaultValue("100000") long searchWindow, @Nullable String token) {

    /** Shorter tokens can be guessed by whoever reaches the port. */
    public static final int SHORTEST_TOKEN = 16;

    public ServeSettings {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && (token.length() < SHORTEST_TOKEN || !token.matches("[A-Za-z0-9._~+/=-]+"))) {
            // it travels in a URL and a cookie, which these characters need no escaping in
            throw new IllegalArgumentException("EVALBATCH_SERVE_TOKEN must be at least " + SHORTEST_TOKEN
                    + " characters of A-Z a-z 0-9 . _ ~ + / = -");
        }
        if (searchWindow < 1) {
            throw new IllegalArgumentException("EVALBATCH_SERVE_SEARCH_WINDOW must be a positive number of samples, not "
                    + searchWindow);
        }
    }
}
