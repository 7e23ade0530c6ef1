"""Runs one program the way openai/human-eval's check_correctness does and reports its outcome.

Usage: runner.py PROGRAM RESULT TIMEOUT_SECONDS

The program runs with standard input, output and error swallowed, under a wall-clock alarm of
TIMEOUT_SECONDS, after the destructive functions human-eval disables have been disabled, so that
every completion passes or fails exactly as it does under the reference harness. The outcome
("passed", "failed: <exception>" or "timed out") is written to RESULT.
"""
import builtins
import contextlib
import faulthandler
import io
import os
import shutil
import signal
import subprocess
import sys


class TimeoutException(Exception):
    pass


class WriteOnlyStringIO(io.StringIO):
    """Accepts writes and fails every read, as human-eval's swallow_io does."""

    def read(self, *args, **kwargs):
        raise IOError

    def readline(self, *args, **kwargs):
        raise IOError

    def readlines(self, *args, **kwargs):
        raise IOError

    def readable(self, *args, **kwargs):
        return False


class redirect_stdin(contextlib._RedirectStream):
    _stream = "stdin"


def _on_alarm(signum, frame):
    raise TimeoutException("Timed out!")


def disable_destructive_functions():
    """The same functions human-eval's reliability_guard sets to None (with no memory limit)."""
    faulthandler.disable()
    builtins.exit = None
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid",
                 "fork", "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink",
                 "fchmod", "fchown", "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown",
                 "getcwd", "chdir"):
        setattr(os, name, None)
    shutil.rmtree = None
    shutil.move = None
    shutil.chown = None
    subprocess.Popen = None
    builtins.help = None
    for module in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[module] = None


def main():
    program_path, result_path, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open(program_path, encoding="utf-8") as f:
        program = f.read()
    # Keep what reporting needs before the program can replace it.
    write, exit_now = os.write, os._exit
    result_fd = os.open(result_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        sink = WriteOnlyStringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), redirect_stdin(sink):
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                disable_destructive_functions()
                exec(program, {})
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        outcome = "passed"
    except TimeoutException:
        outcome = "timed out"
    except BaseException as e:
        outcome = f"failed: {e}"
    write(result_fd, outcome.encode("utf-8", "replace"))
    exit_now(0)


main()
