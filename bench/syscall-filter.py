#!/usr/bin/env python3
"""What the sandbox's syscall filter costs: the same programs through one sandbox with the filter
and one without, alternating (A, B, A, B, ...) so that a busy machine slows both alike.

Workloads:
- humaneval: the 164 HumanEval reference solutions with their tests, as the python filter runs
  them (one forked child per program);
- exec: a compiled C program started 300 times through exec requests, as the program filter
  runs compiled programs (fork, filter, execve);
- syscalls: one program making 1,000,000 getppid calls, the worst case: every system call runs
  the filter.

Prints each round's seconds and the ratio with / without. Needs root for the sandbox's
namespaces (as evalbatch's own runs); run as `sudo bench/syscall-filter.py [ROUNDS]`.
"""
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SANDBOX = os.path.join(ROOT, "src/main/resources/io/evalbatch/filter/sandbox/sandbox.py")
PROBLEMS = os.path.join(ROOT, "src/main/resources/problems/HumanEval.jsonl.gz")


class Sandbox:
    def __init__(self, syscall_filter, work):
        settings = {"expose": [work], "preload": ["typing", "math", "re", "collections", "itertools", "functools", "string"],
                    "uid": 61990, "memory_mb": 4096, "file_size_mb": 16, "scratch_mb": 16, "processes": 64,
                    "isolation": "auto", "syscall_filter": syscall_filter}
        self.process = subprocess.Popen(["/usr/bin/python3", "-S", "-s", SANDBOX, json.dumps(settings)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"})
        self.hello = json.loads(self.process.stdout.readline())

    def python(self, program):
        data = program.encode()
        self.process.stdin.write(b"3 10 %d\n" % len(data) + data)
        self.process.stdin.flush()
        outcome, _, _, size = self.process.stdout.readline().split()
        self.process.stdout.read(int(size))
        return outcome.decode()

    def execute(self, request):
        data = json.dumps(request).encode()
        self.process.stdin.write(b"exec %d\n" % len(data) + data)
        self.process.stdin.flush()
        size = int(self.process.stdout.readline())
        return json.loads(self.process.stdout.read(size))

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def humaneval(sandbox, problems):
    outcomes = [sandbox.python(p["prompt"] + p["canonical_solution"] + "\n" + p["test"] + "\n"
                               + f"check({p['entry_point']})\n") for p in problems]
    assert outcomes.count("passed") == len(problems), outcomes


def exec_programs(sandbox, binary):
    reply = sandbox.execute({"files": {}, "argv": [binary], "env": {"PATH": "/usr/bin:/bin"}, "stdin": "",
                             "cpu": 5, "wall": 10, "output_bytes": 1000})
    assert reply.get("exit") == 0, reply
    for i in range(299):
        reply = sandbox.execute({"argv": [binary], "env": {"PATH": "/usr/bin:/bin"}, "stdin": "", "cpu": 5,
                                 "wall": 10, "output_bytes": 1000, "last": i == 298})
        assert reply.get("exit") == 0, reply


def syscalls(sandbox, _):
    assert sandbox.python("import posix\nfor _ in range(1000000):\n    posix.getppid()\n") == "passed"


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with gzip.open(PROBLEMS, "rt") as f:
        problems = [json.loads(line) for line in f]
    # Not under /tmp, which the sandbox covers with its own scratch.
    os.makedirs(os.path.join(ROOT, "target"), exist_ok=True)
    work = tempfile.mkdtemp(dir=os.path.join(ROOT, "target"), prefix="bench-syscall-filter-")
    os.chmod(work, 0o755)
    source = os.path.join(work, "hello.c")
    with open(source, "w") as f:
        f.write('#include <stdio.h>\nint main(void) { puts("evalbatch"); return 0; }\n')
    binary = os.path.join(work, "hello")
    subprocess.run(["gcc", "-O2", "-o", binary, source], check=True)
    sandboxes = {True: Sandbox(True, work), False: Sandbox(False, work)}
    assert sandboxes[True].hello["syscall_filter"] > 0 and sandboxes[False].hello["syscall_filter"] == 0
    print(f"machine: {os.cpu_count()} cores, {os.uname().release}; {rounds} rounds, alternating")
    try:
        for name, workload, argument in (("humaneval (164 programs)", humaneval, problems),
                                         ("exec (300 C programs)", exec_programs, binary),
                                         ("syscalls (1,000,000 getppid)", syscalls, None)):
            times = {True: [], False: []}
            for _ in range(rounds):
                for with_filter in (True, False):
                    started = time.perf_counter()
                    workload(sandboxes[with_filter], argument)
                    times[with_filter].append(time.perf_counter() - started)
            a, b = statistics.median(times[True]), statistics.median(times[False])
            print(f"{name}: with filter {' '.join(f'{t:.3f}' for t in times[True])} s, "
                  f"without {' '.join(f'{t:.3f}' for t in times[False])} s; median ratio {a / b:.3f}")
    finally:
        for sandbox in sandboxes.values():
            sandbox.close()
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
