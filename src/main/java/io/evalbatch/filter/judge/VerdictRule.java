package io.evalbatch.filter.judge;

/** How a judge's reply is read as a verdict. */
interface VerdictRule {

    Verdict read(String reply);
}
