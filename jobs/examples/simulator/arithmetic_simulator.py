#!/usr/bin/env python3
"""Example simulator for evalbatch's `command` filter (protocol version 1), standard library only.

It checks answers to arithmetic questions: it takes the last number in the response as the answer,
compares it with the target, and returns named fields that several metrics aggregate:

  answer     the extracted number, as text       -> exact match and majority vote against the target
  abs_error  |answer - target|, when both parse  -> mean error
  words      the number of words in the response -> mean and sum (a stand-in for a cost)

evalbatch writes one JSON request per line on stdin and reads one JSON reply per line on stdout;
end of input means exit. Anything for humans goes to stderr, which evalbatch logs with the sample id.
"""
import json
import re
import sys
import time

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def simulate(request):
    parameters = request.get("parameters") or {}
    delay = float(parameters.get("delay_ms", 0)) / 1000.0
    if delay > 0:
        time.sleep(delay)  # stands for an expensive computation
    response = request["response"]
    target = request["target"].strip()
    numbers = NUMBER.findall(response)
    answer = numbers[-1] if numbers else None
    fields = {"words": len(response.split())}
    if answer is not None:
        fields["answer"] = answer
        try:
            fields["abs_error"] = abs(float(answer) - float(target))
        except ValueError:
            pass
    passed = answer is not None and answer == target
    return {
        "id": request["id"],
        "outcome": "passed" if passed else "failed",
        "detail": None if passed else "answer %s, expected %s" % (answer, target),
        "fields": fields,
    }


def main():
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("protocol") != 1:
            print("unsupported protocol %r" % request.get("protocol"), file=sys.stderr)
        sys.stdout.write(json.dumps(simulate(request)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
