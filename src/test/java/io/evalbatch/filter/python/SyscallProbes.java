package io.evalbatch.filter.python;

/**
 * A Python program that calls, through ctypes, the kernel interfaces container escapes go
 * through, and fails naming each that the sandbox let through: every one must fail with EPERM
 * (clone3 with ENOSYS, so that the C library falls back to clone, whose flags a filter can see).
 * System call numbers are x86_64's.
 */
final class SyscallProbes {

    static final String PYTHON = """
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            EPERM, ENOSYS = 1, 38
            probes = {
                'unshare(CLONE_NEWUSER)': ((272, 0x10000000), EPERM),
                'clone(CLONE_NEWUSER)': ((56, 0x10000000 | 17, 0, 0, 0, 0), EPERM),
                'setns': ((308, 0, 0), EPERM),
                'ptrace(PTRACE_TRACEME)': ((101, 0, 0, 0, 0), EPERM),
                'keyctl(KEYCTL_JOIN_SESSION_KEYRING)': ((250, 1, 0), EPERM),
                'bpf': ((321, 0, 0, 0), EPERM),
                'io_uring_setup': ((425, 1, 0), EPERM),
                'userfaultfd': ((323, 0), EPERM),
                'perf_event_open': ((298, 0, 0, -1, -1, 0), EPERM),
                'socket(AF_VSOCK)': ((41, 40, 1, 0), EPERM),
                'personality(ADDR_NO_RANDOMIZE)': ((135, 0x0040000), EPERM),
                'clone3': ((435, 0, 0), ENOSYS),
            }
            escaped = []
            for name, (args, expected) in probes.items():
                ctypes.set_errno(0)
                result = libc.syscall(*[ctypes.c_long(a) for a in args])
                if result != -1 or ctypes.get_errno() != expected:
                    escaped.append(f'{name}: {result} (errno {ctypes.get_errno()})')
            assert not escaped, escaped
            """;

    private SyscallProbes() {
    }
}
