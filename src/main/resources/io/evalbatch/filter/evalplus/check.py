# evalbatch's evalplus check of one part (base or plus) of one sample, as evalplus's unsafe_execute
# does it; run by the sandbox like any Python program. evalbatch puts before it:
#   _PART = (data, solution, reference, entry_point, atol, fast_check, min_limit, factor, oracle)
# data: base64 of marshal((inputs, expected outputs, digests, the reference's CPU seconds per
# input)) as ground_truth.py made it; solution and reference: base64 of the programs' UTF-8 text.
# The program passes by returning; any failure raises
# EvalplusFailure with one JSON line: the inputs that failed and what the first one gave.
import binascii as _binascii
import json as _json
import marshal as _marshal
import math as _math
import signal as _signal


class EvalplusFailure(Exception):
    pass


def _is_floats(x):
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)) and x:
        return all(isinstance(i, float) for i in x)
    return False


def _numbers(x):
    """(shape, flat values) of a number or a regular nest of lists and tuples of numbers, as numpy's
    asarray reads it; TypeError or ValueError otherwise, as numpy's allclose then raises."""
    if isinstance(x, (list, tuple)):
        parts = [_numbers(i) for i in x]
        shapes = {p[0] for p in parts}
        if len(shapes) > 1:
            raise ValueError("inhomogeneous shape")
        inner = parts[0][0] if parts else ()
        return (len(x),) + inner, [v for p in parts for v in p[1]]
    if isinstance(x, (bool, int, float)):
        return (), [float(x)]
    raise TypeError(f"cannot compare {type(x).__name__} within a tolerance")


def _allclose(out, exp, rtol, atol):
    """numpy.allclose(out, exp, rtol, atol) for numbers and nests of them of one shape."""
    shape_out, a = _numbers(out)
    shape_exp, b = _numbers(exp)
    if shape_out != shape_exp:
        if shape_out == ():
            a = a * len(b)
        elif shape_exp == ():
            b = b * len(a)
        else:
            raise ValueError(f"shapes {shape_out} and {shape_exp} differ")
    for x, y in zip(a, b):
        if _math.isfinite(x) and _math.isfinite(y):
            if not abs(x - y) <= atol + rtol * abs(y):
                return False
        elif x != y:
            return False
    return True


def _poly(xs, x):
    return sum([coeff * _math.pow(x, i) for i, coeff in enumerate(xs)])


def _shown(value, limit=300):
    try:
        text = repr(value)
    except BaseException as e:
        text = f"<repr failed: {type(e).__name__}>"
    return text if len(text) <= limit else text[:limit] + "..."


def _expected(i, inp, out, expected, digests, reference):
    """The expected output of input i. One kept only as a digest: the response's own output when its
    marshal form has that digest (equal values), else the reference solution's output on a copy of
    the input, so that values that are equal in other forms (1 and 1.0, dicts in another order)
    compare as evalplus compares them. `reference` makes the reference's function, once."""
    if i not in digests:
        return expected[i]
    import copy
    import hashlib
    try:
        if hashlib.sha256(_marshal.dumps(out)).hexdigest() == digests[i]:
            return out
    except ValueError:
        pass
    return reference()(*copy.deepcopy(inp))


def _reference(source, entry_point):
    """The reference solution's function, executed on the first call only."""
    made = []

    def function():
        if not made:
            scope = {}
            exec(_binascii.a2b_base64(source).decode("utf-8"), scope)
            made.append(scope[entry_point])
        return made[0]
    return function


def _check(data, solution, reference, entry_point, atol, fast_check, min_limit, factor, oracle):
    inputs, expected, digests, cpu = _marshal.loads(_binascii.a2b_base64(data))
    if digests:
        # The reference must see the inputs as they were, whatever the response does to them.
        import copy
        pristine = copy.deepcopy(inputs)
        reference_function = _reference(reference, entry_point)
    scope = {}
    try:
        exec(_binascii.a2b_base64(solution).decode("utf-8"), scope)
        fn = scope[entry_point]
    except BaseException as e:
        raise EvalplusFailure(_json.dumps({"inputs": len(inputs), "failed": [], "error": _shown(e)})) from None
    failed, first = [], None
    for i, inp in enumerate(inputs):
        out, returned = None, False
        try:
            _signal.setitimer(_signal.ITIMER_PROF, max(min_limit, factor * cpu[i]))
            try:
                out = fn(*inp)
            finally:
                _signal.setitimer(_signal.ITIMER_PROF, 0)
            returned = True
            exp = _expected(i, pristine[i], out, expected, digests, reference_function) if digests else expected[i]
            exact_match = out == exp
            if oracle == "find_zero":
                assert abs(_poly(*inp, out)) <= atol
                continue
            if atol == 0 and _is_floats(exp):
                atol = 1e-6
            if not exact_match and atol != 0:
                assert type(out) == type(exp)
                if isinstance(exp, (list, tuple)):
                    assert len(out) == len(exp)
                assert _allclose(out, exp, 1e-07, atol)
            else:
                assert exact_match
        except BaseException as e:
            failed.append(i)
            if first is None:
                if returned:
                    kind = "wrong output"
                elif type(e).__name__ == "TimeoutException":
                    kind = f"timed out (CPU limit of {max(min_limit, factor * cpu[i]):.3g} s)"
                else:
                    kind = f"{type(e).__name__}: {_shown(e, 200)}"
                first = {"index": i, "kind": kind, "input": _shown(inp),
                         "expected": _shown(expected[i]) if i not in digests else "(large; kept as a digest)",
                         "actual": _shown(out)}
            if fast_check:
                break
    if failed:
        report = {"inputs": len(inputs), "failed": failed[:200], "failures": len(failed), "first": first}
        raise EvalplusFailure(_json.dumps(report))


_check(*_PART)
