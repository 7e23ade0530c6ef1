package io.evalbatch.filter;

/** What filters tell of their scorer processes, for the operators' meters. */
public interface ScorerEvents {

    /** A scorer process (a sandbox, a simulator) was started, the first one or a replacement. */
    void scorerStarted(String filter);

    /** A sample is scored again because its scorer process died under it. */
    void sampleRetried(String filter);

    ScorerEvents NONE = new ScorerEvents() {
        @Override
        public void scorerStarted(String filter) {
        }

        @Override
        public void sampleRetried(String filter) {
        }
    };
}
