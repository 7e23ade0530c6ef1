package io.evalbatch.filter.judge;

/**
 * One judge prompt as FastChat's {@code judge_prompts.jsonl} keeps it.
 *
 * @param template     the user message, a {@link NamedTemplate}
 * @param outputFormat how the verdict is written: {@code [[rating]]} for single grading
 */
public record JudgePrompt(String name, String systemPrompt, NamedTemplate template, String outputFormat) {
}
