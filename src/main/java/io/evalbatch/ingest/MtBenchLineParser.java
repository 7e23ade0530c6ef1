package io.evalbatch.ingest;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a FastChat {@code model_answer} file: a question's answers, one per user turn. Each
 * turn is a sample of task {@code <task>-turn-<n>}, document the question id: its prompt the
 * turn's question, its response the turn's answer, its test the turn's reference answer (empty
 * without one). The doc holds the whole question (category, every turn of question, answer and
 * reference, the turn judged), which is what a judge of the second turn is shown.
 */
final class MtBenchLineParser implements LineParser {

    private final String runId;
    private final String task;
    private final MtBenchQuestions questions;
    private final ObjectMapper json;

    MtBenchLineParser(String runId, String task, MtBenchQuestions questions, ObjectMapper json) {
        this.runId = runId;
        this.task = task;
        this.questions = questions;
        this.json = json;
    }

    @Override
    public List<Sample> parse(JsonFields line, long firstId) {
        String id = line.id("question_id");
        MtBenchQuestions.Question question = questions.find(id).orElseThrow(() ->
                line.invalid("question " + id + " is not among the questions of input.problems"));
        List<String> answers;
        try {
            answers = MtBenchQuestions.texts(line.node().path("choices").path(0).path("turns"), "choices[0].turns");
        } catch (IllegalArgumentException e) {
            throw line.invalid(String.valueOf(e.getMessage()));
        }
        if (answers.size() != question.turns().size()) {
            throw line.invalid("has " + answers.size() + " answers for the " + question.turns().size()
                    + " turns of question " + id);
        }
        List<String> references = question.references();
        ObjectNode doc = json.createObjectNode();
        doc.put("question_id", Long.parseLong(id));
        doc.put("category", question.category());
        ArrayNode turns = doc.putArray("turns");
        question.turns().forEach(turns::add);
        ArrayNode answered = doc.putArray("answers");
        answers.forEach(answered::add);
        if (references != null) {
            ArrayNode reference = doc.putArray("reference");
            references.forEach(reference::add);
        }
        List<Sample> samples = new ArrayList<>(answers.size());
        for (int turn = 1; turn <= answers.size(); turn++) {
            doc.put("turn", turn);
            String test = references != null && references.size() >= turn ? references.get(turn - 1) : "";
            samples.add(new Sample(runId, firstId + turn - 1, task + "-turn-" + turn, id, 0, line.file(), line.line(),
                    question.turns().get(turn - 1), answers.get(turn - 1), test, null, null, doc.toString()));
        }
        return samples;
    }
}
