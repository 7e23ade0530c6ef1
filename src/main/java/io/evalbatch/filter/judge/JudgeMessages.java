package io.evalbatch.filter.judge;

import org.jspecify.annotations.Nullable;

/**
 * What a judge is sent for one judgment: a system message, when there is one, and a user message.
 *
 * @param prompt the name of the judge prompt they were made from
 */
public record JudgeMessages(String prompt, @Nullable String system, String user) {

    /** Characters of both messages, for an estimate of the prompt's tokens. */
    int length() {
        return (system == null ? 0 : system.length()) + user.length();
    }
}
