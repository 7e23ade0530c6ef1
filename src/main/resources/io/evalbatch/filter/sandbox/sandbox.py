"""evalbatch's sandbox: a warm Python interpreter that forks one confined child per program.

Started by evalbatch as `python -S -s sandbox.py SETTINGS` with a clean environment, SETTINGS being
one JSON object. It imports the modules of settings["preload"], prints one JSON line when ready,
then answers requests of two kinds.

A Python program, run in the child by this interpreter (the python filter):

    TIMEOUT WALL SIZE\n<SIZE bytes of program, UTF-8>

answered with

    OUTCOME CPU_MS WALL_MS SIZE\n<SIZE bytes of detail, UTF-8>

OUTCOME being passed, failed, timed_out or error. (Framed rather than JSON: decoding JSON in the
process that forks writes a hundred pages per program, and each write after a fork is a fault.)

A command, which the child executes in the same confinement (the program filter: a compiler, a
compiled program, another interpreter):

    exec SIZE\n<SIZE bytes of a JSON request>

answered with `SIZE\n<SIZE bytes of a JSON reply>` (see `Server.execute`). The files of a request
that has them start a session: a fresh working directory holding them, kept for the following
requests (compile, then run once per test case) until a request marked `last` ends it, after which
the directory and the scratch file systems are emptied as after a Python program.

Each program runs as openai/human-eval's check_correctness runs it: standard streams swallowed,
the functions its reliability_guard disables disabled, exceptions reported as
"failed: <exception>", a program that ends without a result counted as timed out. One difference,
on purpose: the time limit counts the program's CPU time, not elapsed time, so a busy machine does
not turn a correct program into a timeout; a wall-clock limit catches programs that sleep or block.
The guard is applied once, in this server, before it forks: every child inherits it, which is
equivalent to applying it in each child and cheaper. Likewise the server compiles the program and
the child executes the code object; a program that does not compile fails without a child.

Every fork copies this server's page tables and every page either side then writes, so the server
keeps itself small: no `site` customisation, no module that installs fork handlers (threading,
random), and the preloaded modules that programs would otherwise each import again.

Confinement of the child when this server runs as root ("namespaces" isolation):
- a PID namespace of which this server is init, so that everything a program started, whatever
  sessions or process groups those made, is killed after it ends;
- a /proc that shows it only its own processes (hidepid), none of evalbatch's;
- size-limited tmpfs on /tmp, /var/tmp, /dev/shm and /run/lock, emptied after every program, the
  working directory being /tmp/work;
- no network (this server lives in an empty network namespace);
- an unprivileged user id of its own, no supplementary groups, no way to regain privileges;
- limits on address space, file size and number of processes, CPU time enforced from outside;
- a syscall filter (see install_syscall_filter) that fails the kernel interfaces container escapes go
  through with EPERM, in every child, with or without root.
Without root ("basic" isolation) the child gets its own session, a fresh working directory and the
resource limits, and whatever it leaves behind is killed after it ends.

The outcome travels over a pipe that only the child holds, in a frame tagged with a random token,
and is taken only from a child that exited normally; standard output and error are /dev/null.
"""
import builtins
import ctypes
import faulthandler
import gc
import io
import json
import os
import resource
import select
import signal
import sys
import time

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 4096, 16384, 1 << 18
MS_RDONLY, MS_REMOUNT = 1, 32
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 36, 38
WRITABLE_SCRATCH = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
MAX_MESSAGE = 64 * 1024
MAX_DETAIL = 4000
MAX_FRAMES = 4
MAX_LINE_SHOWN = 300
MAX_COMPILED_HERE = 1 << 20
# Beyond its timeout a program gets this much CPU time to raise its own TimeoutException before
# the server kills it from outside.
CPU_GRACE = 0.5
POLL_SECONDS = 0.1
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
EXIT_SANDBOX_BROKEN = 70
# As a shell reports a command it cannot execute.
EXIT_NOT_EXECUTED = 127
MAX_STDERR = 2048
WORK_FD = 250

libc = ctypes.CDLL(None, use_errno=True)

# What the server itself needs of the functions the guard disables, bound before it does.
FORK, KILL, KILLPG, CHOWN, CHDIR, UNLINK, RMDIR = os.fork, os.kill, os.killpg, os.chown, os.chdir, os.unlink, os.rmdir
FCHDIR, FCHOWN = os.fchdir, os.fchown
REQUESTS, REPLIES, LOG = sys.stdin, sys.stdout, sys.stderr


# --------------------------------------------------------------------------------------------
# The syscall filter.

# At least what Docker's default seccomp profile refuses a container without added capabilities,
# plus what it allows but container escapes and kernel exploits keep using (ptrace, io_uring,
# userfaultfd, the new mount API). A deny list rather than Docker's allow list: programs here are
# compilers, interpreters and runtimes of every kind, which must keep working unchanged.
DENIED_SYSCALLS = (
    # namespaces and mounts
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "mount_setattr", "move_mount",
    "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
    # other processes' memory and descriptors
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd", "process_madvise",
    "process_mrelease",
    # kernel attack surface open to unprivileged users
    "bpf", "userfaultfd", "perf_event_open", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "keyctl", "add_key", "request_key", "memfd_secret", "fanotify_init", "name_to_handle_at",
    "open_by_handle_at", "lookup_dcookie",
    # the machine: modules, clocks, reboot, swap, quotas, accounting, the kernel log, I/O ports
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "clock_settime", "clock_adjtime", "settimeofday", "swapon", "swapoff", "quotactl", "quotactl_fd",
    "acct", "syslog", "ioperm", "iopl", "sethostname", "setdomainname", "vhangup", "uselib", "ustat",
    "sysfs", "_sysctl", "nfsservctl", "create_module", "get_kernel_syms", "query_module",
    # NUMA placement, which Docker reserves to CAP_SYS_NICE
    "mbind", "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages", "set_mempolicy_home_node",
)
# Newer than the libseccomp of Debian 12 knows by name (x86_64 numbers): mount listing and setting
# other processes' security attributes.
DENIED_SYSCALL_NUMBERS_X86_64 = {"statmount": 457, "listmount": 458, "lsm_get_self_attr": 459,
                                 "lsm_set_self_attr": 460, "lsm_list_modules": 461, "open_tree_attr": 467}
# clone with any of these makes a new namespace (CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER,
# NEWPID, NEWNET).
NAMESPACE_FLAGS = (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)
# personality() flags that switch off address-space randomisation or make data executable; Docker
# allows only a handful of plain personalities.
PERSONALITY_FLAGS = (0x0040000, 0x0100000, 0x0200000, 0x0400000, 0x0800000, 0x8000000)
AF_VSOCK = 40
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_CMP_EQ, SCMP_CMP_MASKED_EQ = 4, 7
SCMP_FLTATR_ACT_BADARCH, SCMP_FLTATR_CTL_OPTIMIZE = 2, 8


def scmp_act_errno(code):
    return 0x00050000 | code


class ScmpArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64),
                ("datum_b", ctypes.c_uint64)]


def install_syscall_filter():
    """Has libseccomp compile the filter and load it into this process, and returns how many rules
    it holds: DENIED_SYSCALLS, clone of new namespaces, personality flags that weaken the address
    space and vsock sockets (which no network namespace confines) fail with EPERM before the
    kernel looks at their other arguments; clone3 fails with ENOSYS, as under Docker, so that the
    C library falls back to clone, whose flags the filter can see; a system call of another ABI
    (i386's int 0x80, x32) fails with ENOSYS.

    The server calls it once its namespaces and mounts are in place (which need mount and
    unshare); every child inherits the filter, across execve and every process it starts, and
    cannot remove it. no_new_privs, set before, is what lets a process install a filter without
    privileges, as under basic isolation."""
    try:
        lib = ctypes.CDLL("libseccomp.so.2", use_errno=True)
    except OSError:
        raise OSError("the sandbox's syscall filter needs libseccomp (Debian: apt install libseccomp2)") from None
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_attr_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(ScmpArgCmp)]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]

    def need(code, what):
        if code != 0:
            raise OSError(-code, f"libseccomp refused {what}: {os.strerror(-code)}")

    ctx = lib.seccomp_init(SCMP_ACT_ALLOW)
    if not ctx:
        raise OSError("libseccomp could not start a filter")
    rules = 0

    def deny(action, number, *comparisons):
        nonlocal rules
        array = (ScmpArgCmp * len(comparisons))(*comparisons) if comparisons else None
        need(lib.seccomp_rule_add_array(ctx, action, number, len(comparisons), array), f"the rule for {number}")
        rules += 1

    def deny_named(action, name, *comparisons):
        number = lib.seccomp_syscall_resolve_name(name.encode())
        if number >= 0:  # else not a system call of this architecture (vm86 on x86_64, say)
            deny(action, number, *comparisons)

    try:
        eperm, enosys = scmp_act_errno(1), scmp_act_errno(38)
        need(lib.seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, enosys), "foreign system call ABIs")
        # A binary search over the system call number rather than a row of comparisons: every
        # system call a program makes runs the filter.
        need(lib.seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2), "optimisation")
        for name in DENIED_SYSCALLS:
            deny_named(eperm, name)
        if os.uname().machine == "x86_64":
            for name, number in DENIED_SYSCALL_NUMBERS_X86_64.items():
                if lib.seccomp_syscall_resolve_name(name.encode()) < 0:
                    deny(eperm, number)
        for flag in NAMESPACE_FLAGS:
            deny_named(eperm, "clone", ScmpArgCmp(0, SCMP_CMP_MASKED_EQ, flag, flag))
        for flag in PERSONALITY_FLAGS:
            deny_named(eperm, "personality", ScmpArgCmp(0, SCMP_CMP_MASKED_EQ, flag, flag))
        deny_named(eperm, "socket", ScmpArgCmp(0, SCMP_CMP_EQ, AF_VSOCK, 0))
        deny_named(enosys, "clone3")
        need(lib.seccomp_load(ctx), "to load the filter")
    finally:
        lib.seccomp_release(ctx)
    return rules


def check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


# --------------------------------------------------------------------------------------------
# human-eval's check_correctness, split into what every child shares and what each one does.

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


def _on_cpu_alarm(signum, frame):
    raise TimeoutException("Timed out!")


def guard_programs():
    """Everything check_correctness sets up around a program that is the same for every program:
    swallowed standard streams, the CPU alarm's handler, and reliability_guard (without memory
    limit, as human-eval calls it)."""
    sink = WriteOnlyStringIO()
    sys.stdin, sys.stdout, sys.stderr = sink, sink, sink
    signal.signal(signal.SIGPROF, _on_cpu_alarm)
    faulthandler.disable()
    builtins.exit = None
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    sys.meta_path.insert(0, DisableOnImport({"shutil": ("rmtree", "move", "chown"), "subprocess": ("Popen",)}))
    for name in ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid",
                 "fork", "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink",
                 "fchmod", "fchown", "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown",
                 "getcwd", "chdir"):
        setattr(os, name, None)
    builtins.help = None
    for module in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[module] = None


class DisableOnImport:
    """Disables functions of a module when a program imports it.

    reliability_guard disables functions of shutil and subprocess. This server does not import
    them itself: with them it would import threading and random, whose fork handlers and memory
    make every fork dearer. A program that imports them gets them with those functions disabled.
    """

    def __init__(self, disabled):
        self.disabled = disabled

    def find_spec(self, name, path=None, target=None):
        names = self.disabled.get(name)
        if names is None:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = None if finder is self or find is None else find(name, path, target)
            if spec is not None:
                spec.loader = DisablingLoader(spec.loader, names)
                return spec
        return None


class DisablingLoader:

    def __init__(self, loader, names):
        self.loader = loader
        self.names = names

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        for name in self.names:
            setattr(module, name, None)


def compile_program(program):
    """Compiles the program in the server, as exec would compile it in the child: (code, None),
    or (None, "failed: <error>") for a program that does not compile, which then fails as under
    check_correctness without a process of its own (one HumanEval completion in eight). Compiling
    takes time roughly linear in the size of the source; beyond MAX_COMPILED_HERE characters the
    child compiles it, within its limits."""
    if len(program) > MAX_COMPILED_HERE:
        return program, None
    try:
        return compile(program, "<string>", "exec", dont_inherit=True), None
    except Exception as e:  # SyntaxError, ValueError (a null byte), RecursionError (deep nesting)
        return None, f"failed: {e}"


def check_correctness(program, timeout, source=None):
    """human-eval's check_correctness, `program` being source or the code compiled from it; a
    failure's first line is human-eval's, followed by where in the program it happened."""
    try:
        signal.setitimer(signal.ITIMER_PROF, timeout)
        try:
            exec(program, {})
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        return "passed"
    except TimeoutException:
        return "timed out"
    except BaseException as e:
        return f"failed: {e}" + where(e, source if source is not None else program)


def where(error, source):
    """The exception's type and the program's lines it passed through, outermost first, the last
    MAX_FRAMES of them: a bare `assert` says "failed: " in human-eval's words, and this says
    which assertion. Empty when the exception never passed through the program."""
    frames = []
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<string>":
            frames.append((tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    if not frames:
        return ""
    lines = source.split("\n") if isinstance(source, str) else []
    text = ["", type(error).__name__ + " in the program:"]
    if len(frames) > MAX_FRAMES:
        text.append(f"  ... {len(frames) - MAX_FRAMES} calls before")
    for number, function in frames[-MAX_FRAMES:]:
        code = lines[number - 1].strip() if 0 < number <= len(lines) else ""
        text.append(f"  line {number}, in {function}: {code[:MAX_LINE_SHOWN]}")
    return "\n".join(text)


# --------------------------------------------------------------------------------------------
# The confined child.

def limit_and_drop_privileges(uid, memory_mb, file_size_mb, processes, cpu, basic):
    """What confines every process this server starts, once its descriptors are in place: limits
    on address space, file size, core dumps, processes and (when given) CPU time, then the change
    to the unprivileged user `uid` (None: stay as we are), then, without namespaces, death with
    this server. (The change of user clears the parent-death signal, so it comes after; with
    namespaces the server is init of the PID namespace, whose death kills everything anyway.) The
    syscall filter needs nothing here: every child inherits it from this server."""
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if file_size_mb is not None:
        limit = int(file_size_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if cpu is not None:
        # A backstop the kernel enforces, for the program and each process it starts.
        seconds = int(cpu) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    if uid is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (int(processes), int(processes)))
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    if basic:
        check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent death signal")


def run_child(program, timeout, settings, work, result_fd, token, devnull, signal_mask, basic, source):
    """Runs in the forked child: confines itself, runs the program, reports, exits.

    What every child needs alike (no new privileges, no controlling terminal with namespaces, an
    open /dev/null) the server set up once; this is only what each child must do itself.
    """
    uid = settings.get("uid")
    signal.pthread_sigmask(signal.SIG_SETMASK, signal_mask)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if basic:
        # Its own session, so that what it leaves behind can be killed by session.
        os.setsid()
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, result_fd)
    os.closerange(result_fd + 1, 65536)
    limit_and_drop_privileges(uid, settings["memory_mb"], settings["file_size_mb"], settings["processes"],
                              timeout, basic)
    CHDIR(work)
    write, exit_now = os.write, os._exit
    outcome = check_correctness(program, timeout, source).encode("utf-8", "replace")[:MAX_DETAIL]
    # One frame: processes the program forked may add frames of their own after it.
    write(result_fd, token.encode() + b"\n" + str(len(outcome)).encode() + b"\n" + outcome)
    exit_now(0)


def exec_child(request, cpu, settings, work, streams, token_fd, signal_mask, basic):
    """Runs in the forked child of a command request, `work` being the working directory's
    descriptor: the same confinement as run_child, then execve. Limits may differ per command: a JVM or node reserves far more address space than it
    uses, and a compiler may need more processes than the program it compiles."""
    uid = settings.get("uid")
    signal.pthread_sigmask(signal.SIG_SETMASK, signal_mask)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if basic:
        os.setsid()
    # Out of the way of descriptors 0 to 3, which are dealt below.
    work = os.dup2(work, WORK_FD)
    for fd, stream in enumerate(streams):
        os.dup2(stream, fd)
    first_free = 3
    if token_fd is not None:
        os.dup2(token_fd, 3)
        first_free = 4
    # The working directory's descriptor is the one kept open past the others, until fchdir.
    os.closerange(first_free, work)
    os.closerange(work + 1, 65536)
    limit_and_drop_privileges(uid, request.get("memory_mb", settings["memory_mb"]), settings["file_size_mb"],
                              request.get("processes", settings["processes"]), cpu, basic)
    FCHDIR(work)
    os.close(work)
    argv = request["argv"]
    try:
        os.execve(argv[0], argv, request.get("env", {}))
    except OSError as e:
        os.write(2, f"evalbatch sandbox: cannot execute {argv[0]}: {e.strerror}\n".encode())
        os._exit(EXIT_NOT_EXECUTED)


def read_ends(fd, limit):
    """The file's first and last `limit` / 2 bytes, marked where the middle is left out: the head
    holds the first error, the tail what a runtime prints last (node's error code)."""
    size = os.fstat(fd).st_size
    if size <= limit:
        return read_head(fd, limit)
    half = limit // 2
    head = read_head(fd, half)
    os.lseek(fd, size - half, os.SEEK_SET)
    tail = os.read(fd, half)
    return head + b"\n[... %d bytes left out ...]\n" % (size - 2 * half) + tail


def read_head(fd, limit):
    """Up to `limit` bytes from the start of a file the child wrote."""
    os.lseek(fd, 0, os.SEEK_SET)
    chunks, size = [], 0
    while size < limit:
        data = os.read(fd, min(1 << 20, limit - size))
        if not data:
            break
        chunks.append(data)
        size += len(data)
    return b"".join(chunks)


# --------------------------------------------------------------------------------------------
# The server.

class Server:

    def __init__(self, settings, programs=True):
        self.settings = settings
        self.namespaces = False
        self.network = True
        self.scratch_dirs = []
        self.empty_size = {}
        self.scratch = None
        self.session = None
        # The warm Java compiler (settings["java_compiler"]), started on first use: (pid, requests, replies).
        self.compiler = None
        wanted = settings.get("isolation", "auto")
        root = os.geteuid() == 0
        if wanted != "basic" and root:
            try:
                self.enter_namespaces()
            except OSError as e:
                if wanted == "namespaces":
                    raise
                print(f"evalbatch sandbox: namespaces unavailable ({e}); using basic isolation",
                      file=LOG, flush=True)
        elif wanted == "namespaces":
            raise OSError("namespace isolation needs root")
        if not self.namespaces:
            if not root:
                self.settings["uid"] = None
            self.scratch = private_directory(os.environ.get("TMPDIR") or "/tmp", "evalbatch-sandbox-")
            os.chmod(self.scratch, 0o711)
            check(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "child subreaper")
        # Inherited by every child, and kept across its change of user.
        check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")
        # Installed here, once its namespaces and mounts are set up, rather than in each child:
        # every child inherits it across fork and execve, and a child then pays nothing to load
        # it (the kernel checks a new filter against every system call number as it attaches).
        # Off only for bench/syscall-filter.py, which measures what the filter costs; evalbatch
        # itself never sends this setting.
        self.denied_syscalls = install_syscall_filter() if settings.get("syscall_filter", True) else 0
        self.devnull = os.open(os.devnull, os.O_RDWR)
        # Children's exits are awaited with sigtimedwait; each child restores the mask it had.
        self.signal_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        if programs:
            guard_programs()
            self.self_test()

    def confine(self, spec):
        """Runs one long-lived command (a simulator that executes model output) confined as a
        program is, on this server's own standard streams, and exits with its status once it
        ends; as init of the PID namespace this server takes everything it started along."""
        pid = FORK()
        if pid == 0:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, self.signal_mask)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                if not self.namespaces:
                    os.setsid()
                os.closerange(3, 65536)
                # No CPU limit: it would add up over every sample the command serves.
                limit_and_drop_privileges(self.settings.get("uid"), spec["memory_mb"], self.settings["file_size_mb"],
                                          spec["processes"], None, not self.namespaces)
                try:
                    CHDIR(spec["cwd"])
                except OSError as e:
                    os.write(2, f"evalbatch sandbox: cannot enter {spec['cwd']} as the sandbox user: "
                                f"{e.strerror}\n".encode())
                    raise
                os.execve(spec["argv"][0], spec["argv"], spec.get("env", {}))
            except OSError as e:
                os.write(2, f"evalbatch sandbox: cannot execute {spec['argv'][0]}: {e.strerror}\n".encode())
            finally:
                os._exit(EXIT_NOT_EXECUTED)
        # The command alone holds evalbatch's pipes now, so that it sees their end, and evalbatch its exit.
        os.close(0)
        os.close(1)
        while True:
            try:
                signal.sigwaitinfo({signal.SIGCHLD})
                reaped, status = os.waitpid(pid, os.WNOHANG)
            except InterruptedError:
                continue
            if reaped == pid:
                break
        if self.namespaces:
            kill_everything_else()
        else:
            self.kill_leftovers(pid)
        self.close()
        return os.waitstatus_to_exitcode(status) & 0xFF if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)

    def enter_namespaces(self):
        check(libc.unshare(CLONE_NEWNET), "unshare network namespace")
        check(libc.unshare(CLONE_NEWNS), "unshare mount namespace")
        check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
        self.expose_interpreter()
        become_init_of_new_pid_namespace()
        # No controlling terminal for any program (whose /dev/tty would be evalbatch's terminal).
        os.setsid()
        # Programs see only their own processes: not evalbatch's, nor their command lines.
        check(libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, b"hidepid=2"),
              "mount /proc")
        # A confined command's own directory may lie in a place the scratch covers (a job in /tmp):
        # held open now, it is bound back, read-only, over the scratch. Sessions never do this: the
        # scratch they empty must hold nothing but what programs wrote.
        kept = []
        if "confine" in self.settings:
            for path in self.settings.get("expose", []):
                real = os.path.realpath(path)
                if os.path.isdir(real) and any(real == d or real.startswith(d + "/") for d in WRITABLE_SCRATCH):
                    kept.append((real, os.open(real, os.O_PATH | os.O_DIRECTORY)))
        options = f"size={self.settings['scratch_mb']}m,mode=1777".encode()
        for path in WRITABLE_SCRATCH:
            if os.path.isdir(path):
                check(libc.mount(b"tmpfs", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options),
                      "mount tmpfs on " + path)
                self.scratch_dirs.append(path)
                self.empty_size[path] = os.stat(path).st_size
        for path, fd in kept:
            os.makedirs(path, 0o755, exist_ok=True)
            check(libc.mount(f"/proc/self/fd/{fd}".encode(), path.encode(), None, MS_BIND | MS_REC, None),
                  "bind " + path)
            check(libc.mount(None, path.encode(), None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, None),
                  "make " + path + " read-only")
            os.close(fd)
        self.network = False
        self.namespaces = True

    def expose_interpreter(self):
        """Lets the unprivileged child read this interpreter and its libraries, and the directories
        of settings["expose"].

        An interpreter under a private directory (pyenv in /root, say) cannot be read by another
        user. In this server's own mount namespace such a directory is covered with an empty
        tmpfs that others may traverse, and the interpreter's directories are bound back into it
        at their paths; nothing else of the private directory is visible.
        """
        needed = []
        wanted = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(sys.executable)}
        # The toolchains of the program filter (a rustup toolchain under /root, say).
        wanted.update(p for p in self.settings.get("expose", []) if os.path.isdir(p))
        for path in wanted:
            real = os.path.realpath(path)
            if not any(real == n or real.startswith(n + "/") for n in needed):
                needed = [n for n in needed if not n.startswith(real + "/")] + [real]
        # First every directory is bound aside, then the private ancestors are covered, then the
        # directories are bound back: two directories under one private ancestor (a pyenv and a
        # rustup toolchain in /root) must both be bound before the ancestor is covered.
        staged, covered = [], []
        for path in needed:
            blocked = next((a for a in ancestors(path) if not os.stat(a).st_mode & 0o001), None)
            if blocked is None:
                continue
            staging = private_directory(os.environ.get("TMPDIR") or "/tmp", "evalbatch-interpreter-")
            check(libc.mount(path.encode(), staging.encode(), None, MS_BIND | MS_REC, None), "bind " + path)
            staged.append((path, staging))
            if not any(blocked == c or blocked.startswith(c + "/") for c in covered):
                covered = [c for c in covered if not c.startswith(blocked + "/")] + [blocked]
        for blocked in covered:
            check(libc.mount(b"tmpfs", blocked.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, b"mode=0755,size=1m"),
                  "cover " + blocked)
        for path, staging in staged:
            os.makedirs(path, 0o755, exist_ok=True)
            check(libc.mount(staging.encode(), path.encode(), None, MS_BIND | MS_REC, None), "expose " + path)
            check(libc.umount2(staging.encode(), MNT_DETACH), "release " + staging)
            os.rmdir(staging)

    def self_test(self):
        """A program must be able to import what the interpreter offers, as the sandbox user."""
        outcome, detail, _, _ = self.run("import decimal, sqlite3\n", 5.0, 10.0)
        if outcome != "passed":
            raise OSError("the sandbox cannot run programs that import standard modules ("
                          + detail + "); the interpreter must be readable by the sandbox user")

    def close(self):
        if self.scratch is not None:
            remove_tree(self.scratch)

    def hello(self):
        return {"ready": True, "exec": True, "isolation": "namespaces" if self.namespaces else "basic",
                "uid": self.settings.get("uid"), "network": self.network,
                "syscall_filter": self.denied_syscalls}

    def run(self, program, timeout, wall):
        started = time.monotonic()
        code, failure = compile_program(program)
        if failure is not None:
            return "failed", failure[:MAX_DETAIL], 0, round((time.monotonic() - started) * 1000)
        token = os.urandom(16).hex()
        work = self.new_work_directory()
        read_fd, write_fd = os.pipe()
        # os.wait4 needs the module `resource`, which the guard hides: count children instead.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        pid = FORK()
        if pid == 0:
            try:
                os.close(read_fd)
                run_child(code, timeout, self.settings, work, write_fd, token, self.devnull,
                          self.signal_mask, not self.namespaces, program)
            finally:
                os._exit(EXIT_SANDBOX_BROKEN)
        os.close(write_fd)
        leftovers = True
        try:
            timed_out = self.wait(pid, started + wall, timeout + CPU_GRACE)
            message = read_available(read_fd)
            # Asked while the child's PID is still taken (see started_processes_after).
            leftovers = not self.namespaces or started_processes_after(pid)
            _, status = os.waitpid(pid, 0)
        finally:
            os.close(read_fd)
            if self.namespaces:
                if leftovers:
                    kill_everything_else()
                self.empty_scratch(work)
            else:
                self.kill_leftovers(pid)
                remove_tree(work)
        elapsed = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        outcome, detail = self.verdict(message, token, status, timed_out, wall)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return outcome, detail, round(cpu * 1000), round(elapsed * 1000)

    def execute(self, request):
        """Runs one command of a session in a confined child and reports how it ended.

        The request: `files` ({name: text}, starts a session in a fresh working directory), `argv`
        (absolute program path first), `env`, `stdin` (text or null), `cpu` and `wall` (seconds),
        `memory_mb`, `processes`, `output_bytes` (standard output kept; the program may write up
        to the file-size limit), `token` (give the program a descriptor 3 whose content is
        returned) and `last` (end the session afterwards).

        The reply: `exit` (status, or null when killed), `signal`, `timed_out` ("cpu", "wall" or
        null), `cpu_ms`, `wall_ms`, `stdout`, `stdout_truncated`, `stderr` (its head), `token`.
        """
        started = time.monotonic()
        if "files" in request:
            self.end_session()
            work = self.new_work_directory()
            # The program owns its working directory and may rename it or put a symbolic link in
            # its place: everything this server does there afterwards goes through this
            # descriptor, never through the path.
            self.session = (work, os.open(work, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW))
            self.write_files(request["files"])
        if self.session is None:
            raise ValueError("a command without files outside a session")
        try:
            if "add_files" in request:
                self.write_files(request["add_files"])
            if "compile_java" in request:
                return self.compile_java(request, started)
            return self.execute_in(request, self.session[1], started)
        finally:
            if request.get("last"):
                self.end_session()

    def write_files(self, files):
        """Writes files into the session's working directory, replacing whatever the program put
        under those names without following it."""
        directory = self.session[1]
        for name, text in files.items():
            if "/" in name or name in ("", ".", ".."):
                raise ValueError(f"not a plain file name: {name!r}")
            try:
                UNLINK(name, dir_fd=directory)
            except FileNotFoundError:
                pass
            except IsADirectoryError:
                remove_tree(name, directory)
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=directory)
            try:
                data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
                while data:
                    data = data[os.write(fd, data):]
                if self.settings.get("uid") is not None:
                    FCHOWN(fd, self.settings["uid"], self.settings["uid"])
            finally:
                os.close(fd)

    def execute_in(self, request, work, started):
        streams = self.unnamed_file(), self.unnamed_file(), self.unnamed_file()
        token_read, token_write = os.pipe() if request.get("token") else (None, None)
        if token_write is not None and self.settings.get("uid") is not None:
            # A JVM cannot write to a bare descriptor and opens /proc/self/fd/3 instead, which
            # checks the pipe's owner.
            FCHOWN(token_write, self.settings["uid"], self.settings["uid"])
        stdin = request.get("stdin")
        if stdin:
            os.write(streams[0], stdin.encode("utf-8", "surrogateescape"))
            os.lseek(streams[0], 0, os.SEEK_SET)
        cpu, wall = float(request["cpu"]), float(request["wall"])
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        pid = FORK()
        if pid == 0:
            try:
                exec_child(request, cpu, self.settings, work, streams, token_write, self.signal_mask,
                           not self.namespaces)
            finally:
                os._exit(EXIT_SANDBOX_BROKEN)
        if token_write is not None:
            os.close(token_write)
        try:
            timed_out = self.wait(pid, started + wall, cpu + CPU_GRACE, tree=True)
            token = read_available(token_read) if token_read is not None else b""
            _, status = os.waitpid(pid, 0)
        finally:
            if token_read is not None:
                os.close(token_read)
            # Whatever the command left running dies now, also between the steps of a session.
            if self.namespaces:
                kill_everything_else(self.spared())
            else:
                self.kill_leftovers(pid, self.spared())
        elapsed = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            limit = int(request.get("output_bytes", MAX_MESSAGE))
            stdout = read_head(streams[1], limit + 1)
            stderr = read_ends(streams[2], int(request.get("stderr_bytes", MAX_STDERR)))
        finally:
            for fd in streams:
                os.close(fd)
        used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return {
            "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else None,
            "timed_out": timed_out,
            "cpu_ms": round(used * 1000),
            "wall_ms": round(elapsed * 1000),
            "stdout": stdout[:limit].decode("utf-8", "replace"),
            "stdout_truncated": len(stdout) > limit,
            "stderr": stderr.decode("utf-8", "replace"),
            "token": token.decode("utf-8", "replace"),
        }

    def spared(self):
        return () if self.compiler is None else (self.compiler[0],)

    def compile_java(self, request, started):
        """Compiles the session's source with the warm compiler and writes the class files into
        the working directory. The compiler runs as a user of its own (settings["compiler_uid"]),
        which no program can signal, trace or read; it sees sources and returns classes only
        through its pipes. Its CPU time during this compilation is limited like a command's; at a
        limit, or when it dies, it is killed and started afresh for the next compilation."""
        task = request["compile_java"]
        source = request["files"][task["source"]]
        cpu, wall = float(request["cpu"]), float(request["wall"])
        if self.compiler is None:
            self.compiler = self.start_compiler()
        pid, requests, replies = self.compiler
        cpu_before = cpu_seconds(pid)
        options = "\0".join(task["options"]).encode()
        name, text = task["source"].encode(), source.encode("utf-8", "surrogateescape")
        os.write(requests, b"COMPILE %d %d %d\n" % (len(options), len(name), len(text)) + options + name + text)
        reader = FrameReader(replies)
        timed_out, reply = None, None
        deadline = started + wall
        while reply is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = "wall"
                break
            if cpu_seconds(pid) - cpu_before > cpu + CPU_GRACE:
                timed_out = "cpu"
                break
            try:
                reply = reader.poll(min(remaining, POLL_SECONDS))
            except EOFError:
                break
        used = cpu_seconds(pid) - cpu_before
        result = {"signal": None, "timed_out": timed_out, "cpu_ms": round(used * 1000), "stdout": "",
                  "stdout_truncated": False, "token": ""}
        if reply is None:
            self.stop_compiler()
            result.update({"exit": None if timed_out else 1, "signal": "SIGKILL" if timed_out else None,
                           "stderr": "" if timed_out else "the Java compiler died (out of memory?)"})
        else:
            status, diagnostics, classes = reply
            for class_name, data in classes:
                file = class_name.replace("/", ".") + ".class"
                if file.startswith("."):
                    raise ValueError(f"not a class name: {class_name!r}")
                self.write_files({file: data})
            result.update({"exit": status, "stderr": diagnostics.decode("utf-8", "replace")[:MAX_STDERR * 32]})
        result["wall_ms"] = round((time.monotonic() - started) * 1000)
        return result

    def start_compiler(self):
        spec = self.settings["java_compiler"]
        uid = self.settings.get("compiler_uid")
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        pid = FORK()
        if pid == 0:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, self.signal_mask)
                os.dup2(requests_read, 0)
                os.dup2(replies_write, 1)
                os.dup2(self.devnull, 2)
                os.closerange(3, 65536)
                # Its CPU time is limited per compilation, from outside (compile_java).
                limit_and_drop_privileges(uid if self.settings.get("uid") is not None else None, spec["memory_mb"],
                                          None, spec["processes"], None, not self.namespaces)
                CHDIR("/")
                os.execve(spec["argv"][0], spec["argv"], spec.get("env", {}))
            finally:
                os._exit(EXIT_SANDBOX_BROKEN)
        os.close(requests_read)
        os.close(replies_write)
        ready = FrameReader(replies_read).line(time.monotonic() + 60)
        if ready != b"READY":
            KILL(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise OSError("the warm Java compiler did not start")
        return pid, requests_write, replies_read

    def stop_compiler(self):
        if self.compiler is None:
            return
        pid, requests, replies = self.compiler
        self.compiler = None
        try:
            KILL(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(requests)
        os.close(replies)

    def new_work_directory(self):
        if self.namespaces:
            work = "/tmp/work"
            os.mkdir(work, 0o700)
        else:
            work = private_directory(self.scratch, "work-")
        if self.settings.get("uid") is not None:
            CHOWN(work, self.settings["uid"], self.settings["uid"])
        return work

    def end_session(self):
        if self.session is None:
            return
        (work, fd), self.session = self.session, None
        os.close(fd)
        if self.namespaces:
            self.empty_scratch(work)
        else:
            remove_tree(work)

    def unnamed_file(self):
        """A file no program can name: standard streams of a command, counted against the scratch
        file system's size (namespaces) and the program's file-size limit."""
        directory = "/tmp" if self.namespaces else self.scratch
        try:
            return os.open(directory, os.O_TMPFILE | os.O_RDWR, 0o600)
        except OSError:  # a file system without O_TMPFILE: a file unlinked as soon as it is open
            path = os.path.join(directory, ".stream-" + os.urandom(8).hex())
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            UNLINK(path)
            return fd

    def wait(self, pid, deadline, cpu_limit, tree=False):
        """Waits until the child has ended (it is left unreaped), or kills it at the wall-clock
        deadline or once it has used more than `cpu_limit` seconds of CPU (a child that blocks
        its own timer and the kernel's CPU-limit signal is stopped here); returns why it was
        killed, if it was. With `tree`, the CPU time of every process the child started counts
        too (a compiler driver's passes, a program's threads and children). The server only sleeps meanwhile: every page it wrote while the child
        lives would be copied."""
        ended = os.WEXITED | os.WNOWAIT
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = "wall"
                break
            signalled = signal.sigtimedwait((signal.SIGCHLD,), min(remaining, POLL_SECONDS))
            if signalled is not None:
                if os.waitid(os.P_PID, pid, ended | os.WNOHANG) is not None:
                    return None
            elif (self.tree_cpu_seconds(pid) if tree else cpu_seconds(pid)) > cpu_limit:
                timed_out = "cpu"
                break
        KILL(pid, signal.SIGKILL)
        os.waitid(os.P_PID, pid, ended)
        return timed_out

    def tree_cpu_seconds(self, pid):
        """CPU time of the child and what it started: with namespaces, every process but this
        server (each one's own time and that of the children it reaped); without, the child's."""
        if not self.namespaces:
            return cpu_seconds(pid, children=True)
        total = 0.0
        spared = {str(p) for p in self.spared()}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and entry != "1" and entry not in spared:
                total += cpu_seconds(int(entry), children=True)
        return total

    def empty_scratch(self, work):
        """Removes the working directory and whatever else the program left in the scratch file
        systems. On tmpfs a directory's size grows with each entry, so an unchanged size means
        an empty directory, and only changed ones are read."""
        remove_tree(work)
        for path in self.scratch_dirs:
            if os.stat(path).st_size != self.empty_size[path]:
                empty(path)

    @staticmethod
    def verdict(message, token, status, timed_out, wall):
        if timed_out == "wall":
            return "timed_out", f"timed out (wall-clock limit of {wall:g} s)"
        if timed_out == "cpu":
            return "timed_out", "timed out (killed at its CPU limit)"
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            if name in ("SIGXCPU", "SIGKILL"):
                return "timed_out", f"timed out (CPU limit, {name})"
            return "timed_out", f"no result: killed by {name}"
        outcome = first_frame(message, token)
        code = os.WEXITSTATUS(status)
        if code == EXIT_SANDBOX_BROKEN and outcome is None:
            return "error", "the sandbox could not run the program"
        if code != 0 or not outcome:
            # human-eval counts a program that ends without a result as timed out.
            return "timed_out", f"no result: exited with status {code}"
        if outcome == "passed":
            return "passed", outcome
        if outcome == "timed out":
            return "timed_out", outcome
        return "failed", outcome[:MAX_DETAIL]

    @staticmethod
    def kill_leftovers(pid, spared=()):
        """Without a pid namespace: kill the child's session and every orphan re-parented to us
        (but the warm compiler, a child of ours too)."""
        try:
            KILLPG(pid, signal.SIGKILL)
        except OSError:
            pass
        me = str(os.getpid())
        for _ in range(100):
            orphans = []
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        with open(f"/proc/{entry}/stat", "rb") as f:
                            stat = f.read().decode("ascii", "replace")
                        if stat[stat.rindex(")") + 2:].split()[1] == me and int(entry) not in spared:
                            orphans.append(int(entry))
                    except (OSError, ValueError, IndexError):
                        pass
            if not orphans:
                return
            for orphan in orphans:
                try:
                    KILL(orphan, signal.SIGKILL)
                except OSError:
                    pass
            for orphan in orphans:
                try:
                    os.waitpid(orphan, os.WNOHANG)
                except ChildProcessError:
                    pass
            time.sleep(0.001)


def become_init_of_new_pid_namespace():
    """Moves the server into a new PID namespace as its init: every process a program starts, in
    whatever session, stays inside it and is killed by `kill_everything_else`, and dies with the
    server. The original process only waits and passes the exit status on."""
    check(libc.unshare(CLONE_NEWPID), "unshare pid namespace")
    server = FORK()
    if server == 0:
        check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent death signal")
        return
    os.close(0)
    os.close(1)
    while True:
        try:
            _, status = os.waitpid(server, 0)
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        except InterruptedError:
            continue


def kill_everything_else(spared=()):
    """As init of the namespace: kill all other processes in it (but `spared`) and reap them."""
    if not spared:
        try:
            KILL(-1, signal.SIGKILL)
        except OSError:
            pass
        while True:
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                return
            except InterruptedError:
                continue
    # One by one, until none is left: a process forked meanwhile is found in the next round, and
    # the process limit bounds how many there can be.
    while True:
        others = [int(e) for e in os.listdir("/proc") if e.isdigit() and e != "1" and int(e) not in spared]
        if not others:
            break
        for other in others:
            try:
                KILL(other, signal.SIGKILL)
            except OSError:
                pass
        for other in others:
            try:
                os.waitpid(other, 0)
            except (ChildProcessError, InterruptedError):
                pass
    # Orphans re-parented to init that ended meanwhile.
    while True:
        try:
            reaped, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if reaped == 0 or reaped in spared:
            return


class FrameReader:
    """Reads the warm compiler's replies from a pipe, without blocking past a deadline."""

    def __init__(self, fd):
        self.fd = fd
        self.buffer = b""

    def fill(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if ready:
            data = os.read(self.fd, 1 << 16)
            if not data:
                raise EOFError
            self.buffer += data

    def line(self, deadline):
        while b"\n" not in self.buffer:
            if time.monotonic() > deadline:
                return None
            try:
                self.fill(deadline - time.monotonic())
            except EOFError:
                return None
        head, self.buffer = self.buffer.split(b"\n", 1)
        return head

    def poll(self, timeout):
        """A whole reply (status, diagnostics, [(class name, bytes)]) if it arrives within
        `timeout`, else None (what came so far is kept)."""
        self.fill(timeout)
        parsed = self.parse()
        return parsed

    def parse(self):
        view = self.buffer
        if b"\n" not in view:
            return None
        head, rest = view.split(b"\n", 1)
        status, size, count = (int(x) for x in head.split())
        if len(rest) < size:
            return None
        diagnostics, rest = rest[:size], rest[size:]
        classes = []
        for _ in range(count):
            if b"\n" not in rest:
                return None
            header, rest = rest.split(b"\n", 1)
            name_size, data_size = (int(x) for x in header.split())
            if len(rest) < name_size + data_size:
                return None
            classes.append((rest[:name_size].decode(), rest[name_size:name_size + data_size]))
            rest = rest[name_size + data_size:]
        self.buffer = rest
        return status, diagnostics, classes


def read_available(fd):
    """What the pipe holds now, up to MAX_MESSAGE bytes; the child wrote its frame before it
    ended, and whatever its leftovers write later is not waited for."""
    os.set_blocking(fd, False)
    chunks, size = [], 0
    try:
        while size < MAX_MESSAGE:
            data = os.read(fd, MAX_MESSAGE - size)
            if not data:
                break
            chunks.append(data)
            size += len(data)
    except BlockingIOError:
        pass
    return b"".join(chunks)


def started_processes_after(pid):
    """Whether any process was started in this PID namespace after `pid`, the last child the
    server forked, which must not be reaped yet. PIDs are handed out in increasing order, and
    not the child's while it is taken: if the last PID handed out is the child's, it started
    nothing that could still be running."""
    fd = os.open("/proc/loadavg", os.O_RDONLY)
    try:
        return int(os.read(fd, 128).split()[-1]) != pid
    finally:
        os.close(fd)


def first_frame(message, token):
    """The outcome in the first `token LENGTH outcome` frame of the message, or None."""
    try:
        head, length, rest = message.split(b"\n", 2)
        if head != token.encode():
            return None
        return rest[:int(length)].decode("utf-8", "replace")
    except ValueError:
        return None


def empty(directory, dir_fd=None):
    """Removes everything inside `directory` (relative to `dir_fd` when given), following no
    symbolic link: not even `directory` itself, which a program may have replaced by one."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
    except OSError:
        return
    try:
        for entry in os.scandir(fd):
            if entry.is_dir(follow_symlinks=False):
                remove_tree(entry.name, fd)
            else:
                try:
                    UNLINK(entry.name, dir_fd=fd)
                except OSError:
                    pass
    finally:
        os.close(fd)


def remove_tree(directory, dir_fd=None):
    empty(directory, dir_fd)
    try:
        RMDIR(directory, dir_fd=dir_fd)
    except OSError:
        # A symbolic link put in the directory's place is removed, not followed.
        try:
            UNLINK(directory, dir_fd=dir_fd)
        except OSError:
            pass


def private_directory(parent, prefix):
    """A new directory only its owner may enter (what tempfile.mkdtemp does, without importing
    tempfile, which would import random and shutil into the server)."""
    while True:
        path = os.path.join(parent, prefix + os.urandom(6).hex())
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue


def ancestors(path):
    """'/a/b/c' -> ['/a', '/a/b', '/a/b/c']"""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def cpu_seconds(pid, children=False):
    """CPU time a process has used so far: its own, and with `children` that of the children it
    has reaped (never that of unreaped ones)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode("ascii", "replace")
        fields = stat[stat.rindex(")") + 2:].split()
        ticks = int(fields[11]) + int(fields[12])
        if children:
            ticks += int(fields[13]) + int(fields[14])
        return ticks / CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return 0.0


def add_site_packages():
    """Puts site-packages on the module path as `site` would, without running `site`.

    The server starts with -S: `site` runs the `import` lines of .pth files, which may import
    threading, random or worse into the server, and every fork pays for them (threading's fork
    handler alone doubles the cost of a fork). Here the site-packages directories and the path
    lines of their .pth files are added; `import` lines and sitecustomize are not run.
    """
    import site
    for directory in site.getsitepackages():
        if not os.path.isdir(directory) or directory in sys.path:
            continue
        sys.path.append(directory)
        for name in sorted(n for n in os.listdir(directory) if n.endswith(".pth") and not n.startswith(".")):
            try:
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    lines = f.read().splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                if not line.strip() or line.startswith(("#", "import ", "import\t")):
                    continue
                path = os.path.normpath(os.path.join(directory, line.rstrip()))
                if path not in sys.path and os.path.exists(path):
                    sys.path.append(path)


def main():
    # Ctrl-C in a terminal signals evalbatch's whole process group: evalbatch then stops the run
    # after the samples in flight, which must still be scored. Programs get Python's own handler.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    settings = json.loads(sys.argv[1])
    add_site_packages()
    for module in settings["preload"]:
        try:
            __import__(module)
        except Exception as e:
            raise OSError(f"cannot preload module {module!r}: {type(e).__name__}: {e}") from None
    if "confine" in settings:
        server = Server(settings, programs=False)
        sys.exit(server.confine(settings["confine"]))
    try:
        server = Server(settings)
    except BaseException:
        sys.stderr = LOG  # the guard swallowed it
        raise
    # Programs' garbage collections then skip the server's objects instead of copying their pages.
    gc.freeze()
    requests, replies = REQUESTS.buffer, REPLIES.buffer
    replies.write(json.dumps(server.hello()).encode() + b"\n")
    replies.flush()
    while True:
        header = requests.readline()
        if not header:
            break
        if header.startswith(b"exec "):
            request = json.loads(requests.read(int(header.split()[1])).decode("utf-8", "surrogateescape"))
            try:
                reply = server.execute(request)
            except Exception as e:  # the server's own failure, never the command's
                server.end_session()
                reply = {"error": f"sandbox error: {type(e).__name__}: {e}"}
            body = json.dumps(reply).encode()
            replies.write(b"%d\n" % len(body) + body)
            replies.flush()
            continue
        timeout, wall, size = header.split()
        program = requests.read(int(size)).decode("utf-8", "replace")
        try:
            outcome, detail, cpu_ms, wall_ms = server.run(program, float(timeout), float(wall))
        except Exception as e:  # the server's own failure, never the program's
            outcome, detail, cpu_ms, wall_ms = "error", f"sandbox error: {type(e).__name__}: {e}", 0, 0
        detail = detail.encode("utf-8", "replace")
        replies.write(b"%s %d %d %d\n" % (outcome.encode(), cpu_ms, wall_ms, len(detail)) + detail)
        replies.flush()
    server.end_session()
    server.stop_compiler()
    server.close()


if __name__ == "__main__":
    main()
