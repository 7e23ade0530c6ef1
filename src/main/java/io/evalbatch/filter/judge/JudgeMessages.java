package io.evalbatch.filter.judge;

/**
 * What a judge is sent for one judgment: a system message and a user message.
 *
 * @param prompt the name of the judge prompt they were made from
 */
public record JudgeMessages(String prompt, String system, String user) {
}
