"""evalbatch's evalplus ground truth: runs a problem's reference solution on its inputs, as evalplus's
trusted_exec does, and prints what the checks of every sample need.

Run in the sandbox as `python -S ground_truth.py` in a directory holding problem.json (one line of an
evalplus release file). For each of base_input and plus_input: the reference program (prompt +
canonical_solution) is executed once, then called on a deep copy of each input, in order. Prints one
JSON object: per part, "data" (base64 of marshal((inputs, expected outputs, digests, CPU seconds of
each call))) and "cpu" (the CPU seconds of each call). evalplus times calls with the wall clock; CPU
time does not grow when the machine is busy, so the limits made from it do not either.

An expected output whose marshal form is longer than INLINE bytes is not kept itself (HumanEval/15's
alone come to 147 MB): its place holds None and `digests` maps its index to the SHA-256 of that
form. A check compares a response's output with it by digest, and where they differ runs the
reference solution on that input to compare values as evalplus does.
"""
import base64
import copy
import hashlib
import json
import marshal
import sys
import time

INLINE = 4096


def run(code, entry_point, inputs):
    scope = {}
    exec(code, scope)
    fn = scope[entry_point]
    outputs, cpu = [], []
    for inp in inputs:
        args = copy.deepcopy(inp)
        start = time.process_time()
        outputs.append(fn(*args))
        cpu.append(time.process_time() - start)
    return outputs, cpu


def main():
    with open("problem.json", encoding="utf-8") as f:
        problem = json.load(f)
    code = problem["prompt"] + problem["canonical_solution"]
    result = {}
    for part in ("base", "plus"):
        inputs = problem[part + "_input"]
        try:
            outputs, cpu = run(code, problem["entry_point"], inputs)
        except BaseException as e:
            print(json.dumps({"error": f"the reference solution fails on {part}_input: {type(e).__name__}: {e}"}))
            return
        kept, digests = [], {}
        try:
            for i, output in enumerate(outputs):
                form = marshal.dumps(output)
                if len(form) > INLINE:
                    digests[i] = hashlib.sha256(form).hexdigest()
                    output = None
                kept.append(output)
            data = marshal.dumps((inputs, kept, digests, cpu))
        except ValueError as e:
            print(json.dumps({"error": f"an expected output of {part}_input cannot be stored: {e}"}))
            return
        result[part] = {"data": base64.b64encode(data).decode("ascii"), "cpu": cpu}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
