package io.evalbatch.filter.judge;

import io.evalbatch.filter.Sample;

/** How a judgment's messages are made from a sample: a preset's prompts, or the job's own templates. */
interface JudgeTemplate {

    /** @throws IllegalArgumentException when the sample lacks what the template needs */
    JudgeMessages messages(Sample sample);
}
