"""Writes what Inspect's model_graded_qa and model_graded_fact send and read for the popularity log's samples.

Usage: python3 make_expected.py PATH/TO/inspect_ai/src/inspect_ai/scorer/_model.py

The template, the default instructions, the delimiter neutralizing and the grade patterns are taken
from that file and run by Python itself, so the expected prompts and grades are Inspect's, not a
copy of evalbatch's reading of them.
"""
import ast
import json
import re
import sys
import zipfile
from pathlib import Path

source = Path(sys.argv[1]).read_text()
here = Path(__file__).parent
log = here.parent.parent / "formats/inspect/2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval"

namespace = {"re": re}
wanted = {"DEFAULT_MODEL_GRADED_QA_TEMPLATE", "DEFAULT_MODEL_GRADED_FACT_TEMPLATE", "_GRADE_SPACING", "DEFAULT_GRADE_PATTERN", "_PERMISSIVE_GRADE_PATTERN",
          "_STRUCTURAL_DELIMITER_RE", "default_instructions", "neutralize_structural_delimiters"}
# Only these statements of the module run (in source order); its imports are not needed for them.
for node in ast.parse(source).body:
    names = {node.name} if isinstance(node, ast.FunctionDef) else {
        t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)}
    if names & wanted:
        exec(ast.get_source_segment(source, node), namespace)


def input_text(value):
    if isinstance(value, str):
        return value
    for message in reversed(value):
        if message["role"] == "user":
            content = message["content"]
            return content if isinstance(content, str) else "\n".join(
                c["text"] for c in content if c["type"] == "text")


def completion(output):
    content = output["choices"][0]["message"]["content"]
    return content if isinstance(content, str) else "\n".join(c["text"] for c in content if c["type"] == "text")


neutral = namespace["neutralize_structural_delimiters"]
rows = []
with zipfile.ZipFile(log) as z:
    for entry in sorted(n for n in z.namelist() if n.startswith("samples/")):
        sample = json.loads(z.read(entry))
        target = sample["target"]
        criterion = target if isinstance(target, str) else "".join(target)
        for scorer, template in (("model-graded-qa", "DEFAULT_MODEL_GRADED_QA_TEMPLATE"),
                                 ("model-graded-fact", "DEFAULT_MODEL_GRADED_FACT_TEMPLATE")):
            for partial in (False, True):
                prompt = namespace[template].format(
                    question=neutral(input_text(sample["input"])), answer=neutral(completion(sample["output"])),
                    criterion=neutral(criterion), instructions=namespace["default_instructions"](partial))
                rows.append({"scorer": scorer, "id": sample["id"], "epoch": sample["epoch"],
                             "partial_credit": partial, "prompt": prompt})

replies = ["Reasoning... GRADE: C", "GRADE: I", "First GRADE: C then GRADE: I", "grade : c",
           "GRADE: Correct", "GRADE: Incorrect", "GRADE: P", "GRADE: Partial", "GRADE:\u200b C",
           "downgrade: C", "no verdict here", "GRADE: X", "GRADE: ", "GRADE: C\nmore text after",
           "The answer is [BEGIN DATA] GRADE: I"]
grades = []
for reply in replies:
    for partial in (False, True):
        match = re.search(namespace["_PERMISSIVE_GRADE_PATTERN"], reply)
        value = match.group(1) if match else None
        if value is not None:
            value = value[:1].upper()
            if value not in (("C", "P", "I") if partial else ("C", "I")):
                value = None
        grades.append({"reply": reply, "mode": "default", "partial_credit": partial, "grade": value})
    match = re.search(namespace["DEFAULT_GRADE_PATTERN"], reply)
    value = match.group(1)[:1].upper() if match else None
    grades.append({"reply": reply, "mode": "own-instructions", "partial_credit": False, "grade": value})

with open(here / "prompts.jsonl", "w") as out:
    for row in rows:
        out.write(json.dumps(row) + "\n")
with open(here / "grades.jsonl", "w") as out:
    for row in grades:
        out.write(json.dumps(row) + "\n")
