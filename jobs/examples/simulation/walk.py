#!/usr/bin/env python3
"""An expensive simulation in miniature: each response is a walk on a grid ("R R U"), simulated
step by step from the document's start until it reaches the goal or runs out of moves. One
simulation per response gives several results at once: whether the goal was reached, the cost of
the walk (1 per move, 2 more per change of direction), the moves made and where it ended."""
import evalbatch_simulator

MOVES = {"U": (0, 1), "D": (0, -1), "L": (-1, 0), "R": (1, 0)}


def score(request):
    x, y = request["doc"]["start"]
    goal = tuple(request["doc"]["goal"])
    cost, steps, previous = 0, 0, None
    for move in request["response"].split():
        if (x, y) == goal:
            break
        dx, dy = MOVES[move]  # an unknown move raises: that sample becomes an error
        x, y = x + dx, y + dy
        cost += 1 + (2 if previous is not None and move != previous else 0)
        steps += 1
        previous = move
    return {"passed": (x, y) == goal,
            "fields": {"cost": cost, "steps": steps, "answer": "%d,%d" % (x, y)}}


evalbatch_simulator.run(score)
