package io.evalbatch.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param searchWindow samples one request of the grid examines at most for a filter no index
 *                     serves (text, durations, reuse, passed, unscored): a page then answers
 *                     within a fixed cost and says how far it searched ({@code
 *                     EVALBATCH_SERVE_SEARCH_WINDOW}; about 90 ms per 100,000 samples of text)
 */
@ConfigurationProperties("evalbatch.serve")
public record ServeSettings(@DefaultValue("100000") long searchWindow) {

    public ServeSettings {
        if (searchWindow < 1) {
            throw new IllegalArgumentException("EVALBATCH_SERVE_SEARCH_WINDOW must be a positive number of samples, not "
                    + searchWindow);
        }
    }
}
