"""Turns a Python function into a simulator for evalbatch's command filter (protocol 1).

Standard library only; put this file next to your simulator (`evalbatch simulator --python >
evalbatch_simulator.py`) and write:

    import evalbatch_simulator

    def score(request):
        result = my_expensive_simulation(request["response"], request["doc"])
        return {"passed": result.solved, "fields": {"cost": result.cost, "steps": result.steps}}

    evalbatch_simulator.run(score)

`request` holds what evalbatch sends: "response", "target", "prompt", "doc" (the document the
sample belongs to), "task", "doc_id", "repeat_index", "sample_id", "parameters" (the job's filter
parameters). `score` returns a dict with
  - "passed": True or False, or "outcome": "passed", "failed", "timed_out" or "error";
  - optionally "score" (a number; default 1.0 when passed, else 0.0), "detail" (a text shown with
    the result) and "fields" (named numbers or texts, which the job's metrics can aggregate).
An exception raised by `score` makes that sample's outcome "error", with the exception as its
detail and the traceback on standard error (which evalbatch logs); the next samples go on.
Whatever `score` prints goes to standard error, so that it cannot garble the replies.
"""
import json
import sys
import traceback

PROTOCOL = 1
OUTCOMES = ("passed", "failed", "timed_out", "error")


def run(score, requests=None, replies=None):
    """Answers every request on standard input with score(request), until the input ends."""
    requests = requests if requests is not None else sys.stdin
    replies = replies if replies is not None else sys.stdout
    # Prints of the scoring code must not reach the replies.
    sys.stdout = sys.stderr
    for line in requests:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("protocol") != PROTOCOL:
            print("evalbatch_simulator: protocol %r, expected %d" % (request.get("protocol"), PROTOCOL),
                  file=sys.stderr)
        try:
            reply = _reply(request["id"], score(request))
        except Exception as e:  # one sample's failure, not the simulator's
            traceback.print_exc(file=sys.stderr)
            reply = {"id": request["id"], "outcome": "error", "detail": "%s: %s" % (type(e).__name__, e)}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def _reply(request_id, result):
    if not isinstance(result, dict):
        raise TypeError("score() must return a dict, not %s" % type(result).__name__)
    if "outcome" in result:
        outcome = result["outcome"]
        if outcome not in OUTCOMES:
            raise ValueError("outcome must be one of %s, not %r" % (", ".join(OUTCOMES), outcome))
    elif "passed" in result:
        outcome = "passed" if result["passed"] else "failed"
    else:
        raise ValueError("score() must return 'passed' or 'outcome'")
    reply = {"id": request_id, "outcome": outcome}
    if result.get("score") is not None:
        reply["score"] = float(result["score"])
    if result.get("detail") is not None:
        reply["detail"] = str(result["detail"])
    fields = {}
    for name, value in (result.get("fields") or {}).items():
        if isinstance(value, bool):
            value = int(value)
        if value is not None and not isinstance(value, (int, float, str)):
            raise TypeError("field %r must be a number or a text, not %s" % (name, type(value).__name__))
        fields[str(name)] = value
    if fields:
        reply["fields"] = fields
    return reply
