package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.support.Requires;
import io.evalbatch.support.Survivors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Hostile programs in C, JavaScript, Java, Rust, Bash and Perl, compiled and run by the real toolchains in the
 * real sandbox, with the python filter's guarantees: each ends not passed (or timed out) within
 * its limits, leaves nothing running and nothing behind, and the sample after it passes as if
 * nothing had happened. Probes of the confinement itself (writing outside the scratch, evalbatch's
 * environment, other processes, the network) exit with status 0 only when they find it holds.
 */
@Tag("slow")
class ProgramIsolationTest {

    private static final Map<String, SimulationFilter> FILTERS = new ConcurrentHashMap<>();
    private static final String MARKER = "4242.9191";
    private static ServerSocket listening;
    private static boolean namespaces;

    @BeforeAll
    static void listen() throws Exception {
        listening = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        namespaces = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    @AfterAll
    static void nothingSurvivesAnySample() throws Exception {
        FILTERS.values().forEach(SimulationFilter::close);
        listening.close();
        assertThat(Survivors.marked(MARKER)).isEmpty();
        assertThat(Survivors.ofSandboxUsers()).isEmpty();
        for (String breach : List.of("/etc/evalbatch-breach", "/root/evalbatch-breach", "/usr/evalbatch-breach")) {
            assertThat(new File(breach)).doesNotExist();
        }
    }

    /** How a hostile program must end: not passed, or (for a probe) passed because it found nothing. */
    enum Expect { NOT_PASSED, TIMED_OUT, PROBE_PASSES, NO_TOKEN }

    static Stream<Arguments> hostilePrograms() {
        int port = listening.getLocalPort();
        return Stream.of(
                // C
                Arguments.of("c", "exit(0) inside the tests", Expect.NO_TOKEN,
                        "#include <stdlib.h>\nint main(void) { exit(0); }\n"),
                Arguments.of("c", "fork bomb", Expect.NOT_PASSED,
                        "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n"),
                Arguments.of("c", "spin ignoring signals", Expect.TIMED_OUT,
                        "#include <signal.h>\nint main(void) { for (int s = 1; s < 32; s++) signal(s, SIG_IGN);\n"
                                + "volatile unsigned long x = 0; for (;;) x++; }\n"),
                Arguments.of("c", "sleep", Expect.TIMED_OUT,
                        "#include <unistd.h>\nint main(void) { sleep(100); return 0; }\n"),
                Arguments.of("c", "huge allocation", Expect.NOT_PASSED,
                        "#include <stdlib.h>\n#include <string.h>\nint main(void) { size_t n = (size_t) 16 << 30;\n"
                                + "char *p = malloc(n); if (!p) return 1; memset(p, 1, n); return 0; }\n"),
                Arguments.of("c", "huge output", Expect.NOT_PASSED,
                        "#include <stdio.h>\nint main(void) { for (;;) fputs(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n\", stdout); }\n"),
                Arguments.of("c", "write outside the scratch", Expect.PROBE_PASSES,
                        "#include <stdio.h>\nint main(void) { const char *p[] = {\"/etc/evalbatch-breach\", "
                                + "\"/root/evalbatch-breach\", \"/usr/evalbatch-breach\"};\n"
                                + "for (int i = 0; i < 3; i++) if (fopen(p[i], \"w\")) return 1; return 0; }\n"),
                Arguments.of("c", "read evalbatch's environment and processes", Expect.PROBE_PASSES,
                        "#include <ctype.h>\n#include <dirent.h>\n#include <string.h>\nextern char **environ;\n"
                                + "int main(void) { for (char **e = environ; *e; e++) { const char *ok[] = {\"PATH=\", "
                                + "\"HOME=\", \"TMPDIR=\", \"LANG=\", \"LC_ALL=\"}; int known = 0;\n"
                                + "for (int i = 0; i < 5; i++) known |= !strncmp(*e, ok[i], strlen(ok[i]));\n"
                                + "if (!known) return 1; }\nDIR *d = opendir(\"/proc\"); struct dirent *x; int n = 0;\n"
                                + "while ((x = readdir(d))) if (isdigit((unsigned char) x->d_name[0])) n++;\n"
                                + "return n > 2; }\n"),
                Arguments.of("c", "network", Expect.PROBE_PASSES,
                        "#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\n"
                                + "int main(void) { int s = socket(AF_INET, SOCK_STREAM, 0); struct sockaddr_in a = {0};\n"
                                + "a.sin_family = AF_INET; a.sin_port = htons(" + port + ");\n"
                                + "a.sin_addr.s_addr = inet_addr(\"127.0.0.1\");\n"
                                + "return connect(s, (struct sockaddr *) &a, sizeof a) == 0; }\n"),
                Arguments.of("c", "kill the parent and everything", Expect.NOT_PASSED,
                        "#include <signal.h>\n#include <unistd.h>\nint main(void) { kill(getppid(), SIGKILL);\n"
                                + "kill(-1, SIGKILL); return 1; }\n"),
                Arguments.of("c", "daemon in a session of its own", Expect.NOT_PASSED,
                        "#include <unistd.h>\nint main(void) { if (fork() == 0) { setsid(); if (fork() == 0)\n"
                                + "execl(\"/bin/sleep\", \"sleep\", \"" + MARKER + "\", (char *) 0); _exit(0); }\n"
                                + "sleep(1); return 1; }\n"),
                Arguments.of("c", "replace the working directory by a link", Expect.NOT_PASSED,
                        "#include <stdio.h>\n#include <unistd.h>\nint main(void) { rename(\"/tmp/work\", \"/tmp/moved\");\n"
                                + "symlink(\"/usr/share/doc\", \"/tmp/work\"); return 1; }\n"),
                // JavaScript
                Arguments.of("javascript", "process.exit(0) inside the tests", Expect.NO_TOKEN, "process.exit(0);\n"),
                Arguments.of("javascript", "fork bomb", Expect.NOT_PASSED,
                        "const {spawn} = require('child_process');\nfor (;;) { try { spawn('/bin/sh', ['-c', "
                                + "'sleep 100']); } catch (e) {} }\n"),
                Arguments.of("javascript", "spin ignoring signals", Expect.TIMED_OUT,
                        "process.on('SIGTERM', () => {});\nprocess.on('SIGINT', () => {});\nfor (;;) {}\n"),
                Arguments.of("javascript", "sleep", Expect.TIMED_OUT, "setTimeout(() => {}, 100000);\n"
                        + "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100000);\n"),
                Arguments.of("javascript", "huge allocation", Expect.NOT_PASSED,
                        "const a = [];\nfor (;;) a.push(Buffer.alloc(1 << 28, 1));\n"),
                Arguments.of("javascript", "huge output", Expect.NOT_PASSED,
                        "for (;;) process.stdout.write('x'.repeat(65536));\n"),
                Arguments.of("javascript", "write outside the scratch", Expect.PROBE_PASSES,
                        "const fs = require('fs');\nfor (const p of ['/etc/evalbatch-breach', '/root/evalbatch-breach', "
                                + "'/usr/evalbatch-breach']) {\n  let wrote = false;\n  try { fs.writeFileSync(p, 'x'); "
                                + "wrote = true; } catch (e) {}\n  if (wrote) process.exit(1);\n}\n"),
                Arguments.of("javascript", "read evalbatch's environment and processes", Expect.PROBE_PASSES,
                        "const extra = Object.keys(process.env).filter(k => !['PATH', 'HOME', 'TMPDIR', 'LANG', "
                                + "'LC_ALL'].includes(k));\nconst procs = require('fs').readdirSync('/proc')"
                                + ".filter(n => /^\\d+$/.test(n));\nif (extra.length || procs.length > 2) process.exit(1);\n"),
                Arguments.of("javascript", "network", Expect.PROBE_PASSES,
                        "const s = require('net').connect(" + port + ", '127.0.0.1');\n"
                                + "s.on('connect', () => process.exit(1));\ns.on('error', () => {});\n"),
                Arguments.of("javascript", "kill the parent and everything", Expect.NOT_PASSED,
                        "try { process.kill(process.ppid, 'SIGKILL'); } catch (e) {}\n"
                                + "try { process.kill(-1, 'SIGKILL'); } catch (e) {}\nprocess.exit(1);\n"),
                Arguments.of("javascript", "daemon in a session of its own", Expect.NOT_PASSED,
                        "require('child_process').spawn('/bin/sleep', ['" + MARKER + "'], {detached: true, "
                                + "stdio: 'ignore'}).unref();\nprocess.exitCode = 1;\n"),
                // Java
                Arguments.of("java", "System.exit(0) inside the tests", Expect.NO_TOKEN,
                        "class Main {\n    public static void main(String[] args) {\n        System.exit(0);\n    }\n}\n"),
                Arguments.of("java", "thread and process bomb", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) throws Exception {\n"
                                + "        for (;;) { try { new ProcessBuilder(\"/bin/sleep\", \"100\").start();\n"
                                + "            new Thread(() -> { try { Thread.sleep(100000); } catch (Exception e) {} }).start();\n"
                                + "        } catch (Throwable e) { } }\n    }\n}\n"),
                Arguments.of("java", "spin", Expect.TIMED_OUT,
                        "class Main {\n    static volatile long x;\n    public static void main(String[] args) {\n"
                                + "        for (;;) x++;\n    }\n}\n"),
                Arguments.of("java", "sleep", Expect.TIMED_OUT,
                        "class Main {\n    public static void main(String[] args) throws Exception {\n"
                                + "        Thread.sleep(100000);\n    }\n}\n"),
                Arguments.of("java", "huge allocation", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        java.util.List<long[]> l = new java.util.ArrayList<>();\n"
                                + "        for (;;) l.add(new long[1 << 24]);\n    }\n}\n"),
                Arguments.of("java", "huge output", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        String x = \"x\".repeat(65536);\n        for (;;) System.out.print(x);\n    }\n}\n"),
                Arguments.of("java", "write outside the scratch", Expect.PROBE_PASSES,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        for (String p : new String[] {\"/etc/evalbatch-breach\", \"/root/evalbatch-breach\", "
                                + "\"/usr/evalbatch-breach\"}) {\n"
                                + "            try (var w = new java.io.FileWriter(p)) { System.exit(1); } catch (java.io.IOException e) { }\n"
                                + "        }\n    }\n}\n"),
                Arguments.of("java", "read evalbatch's environment and processes", Expect.PROBE_PASSES,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        var known = java.util.Set.of(\"PATH\", \"HOME\", \"TMPDIR\", \"LANG\", \"LC_ALL\");\n"
                                + "        if (!known.containsAll(System.getenv().keySet())) System.exit(1);\n"
                                + "        if (ProcessHandle.allProcesses().count() > 2) System.exit(1);\n    }\n}\n"),
                Arguments.of("java", "network", Expect.PROBE_PASSES,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        try (var s = new java.net.Socket(\"127.0.0.1\", " + port + ")) { System.exit(1); }\n"
                                + "        catch (java.io.IOException e) { }\n    }\n}\n"),
                Arguments.of("java", "kill the parent", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) {\n"
                                + "        ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);\n"
                                + "        System.exit(1);\n    }\n}\n"),
                Arguments.of("java", "daemon in a session of its own", Expect.NOT_PASSED,
                        "class Main {\n    public static void main(String[] args) throws Exception {\n"
                                + "        new ProcessBuilder(\"setsid\", \"/bin/sleep\", \"" + MARKER + "\").start();\n"
                                + "        Thread.sleep(500);\n        System.exit(1);\n    }\n}\n"));
    }

    /** The same hostile programs in Rust, Bash and Perl. */
    static Stream<Arguments> hostileProgramsInRustBashAndPerl() {
        int port = listening.getLocalPort();
        String rustKill = "extern \"C\" { fn kill(pid: i32, sig: i32) -> i32; fn getppid() -> i32; }\n";
        return Stream.of(
                // Rust
                Arguments.of("rust", "exit(0) inside the tests", Expect.NO_TOKEN,
                        "fn main() {\n    std::process::exit(0);\n}\n"),
                Arguments.of("rust", "fork bomb", Expect.NOT_PASSED, """
                        fn main() {
                            loop {
                                let _ = std::process::Command::new("/bin/sh").args(["-c", "sleep 100"]).spawn();
                            }
                        }
                        """),
                Arguments.of("rust", "spin ignoring signals", Expect.TIMED_OUT, """
                        extern "C" { fn signal(signum: i32, handler: usize) -> usize; }
                        fn main() {
                            for s in 1..32 { unsafe { signal(s, 1); } }
                            let mut x: u64 = 0;
                            loop { x = std::hint::black_box(x.wrapping_add(1)); }
                        }
                        """),
                Arguments.of("rust", "sleep", Expect.TIMED_OUT,
                        "fn main() {\n    std::thread::sleep(std::time::Duration::from_secs(100));\n}\n"),
                Arguments.of("rust", "huge allocation", Expect.NOT_PASSED, """
                        fn main() {
                            let v = vec![1u8; 16 << 30];
                            println!("{}", v[v.len() - 1]);
                        }
                        """),
                Arguments.of("rust", "huge output", Expect.NOT_PASSED, """
                        use std::io::Write;
                        fn main() {
                            let x = "x".repeat(65536);
                            loop { std::io::stdout().write_all(x.as_bytes()).unwrap(); }
                        }
                        """),
                Arguments.of("rust", "write outside the scratch", Expect.PROBE_PASSES, """
                        fn main() {
                            for p in ["/etc/evalbatch-breach", "/root/evalbatch-breach", "/usr/evalbatch-breach"] {
                                if std::fs::write(p, "x").is_ok() { std::process::exit(1); }
                            }
                        }
                        """),
                Arguments.of("rust", "read evalbatch's environment and processes", Expect.PROBE_PASSES, """
                        fn main() {
                            let known = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL"];
                            if std::env::vars().any(|(k, _)| !known.contains(&k.as_str())) { std::process::exit(1); }
                            let processes = std::fs::read_dir("/proc").unwrap()
                                .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().chars().all(|c| c.is_ascii_digit()))
                                .count();
                            if processes > 2 { std::process::exit(1); }
                        }
                        """),
                Arguments.of("rust", "network", Expect.PROBE_PASSES,
                        "fn main() {\n    if std::net::TcpStream::connect((\"127.0.0.1\", " + port + ")).is_ok() {\n"
                                + "        std::process::exit(1);\n    }\n}\n"),
                Arguments.of("rust", "kill the parent and everything", Expect.NOT_PASSED, rustKill
                        + "fn main() {\n    unsafe { kill(getppid(), 9); kill(-1, 9); }\n    std::process::exit(1);\n}\n"),
                Arguments.of("rust", "daemon in a session of its own", Expect.NOT_PASSED,
                        "fn main() {\n    std::process::Command::new(\"setsid\").args([\"/bin/sleep\", \"" + MARKER
                                + "\"]).spawn().unwrap();\n    std::thread::sleep(std::time::Duration::from_millis(500));\n"
                                + "    std::process::exit(1);\n}\n"),
                // Bash
                Arguments.of("bash", "exit 0 inside the tests", Expect.NO_TOKEN, "exit 0\n"),
                Arguments.of("bash", "fork bomb", Expect.NOT_PASSED, "bomb() { bomb | bomb & }\nbomb\nwait\nexit 1\n"),
                Arguments.of("bash", "spin ignoring signals", Expect.TIMED_OUT,
                        "trap '' HUP INT QUIT USR1 USR2 TERM ALRM\nwhile :; do :; done\n"),
                Arguments.of("bash", "sleep", Expect.TIMED_OUT, "sleep 100\n"),
                Arguments.of("bash", "huge allocation", Expect.NOT_PASSED,
                        "x=$(head -c 8000000000 /dev/zero | tr '\\0' x)\necho ${#x}\n"),
                Arguments.of("bash", "huge output", Expect.NOT_PASSED, "yes xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"),
                Arguments.of("bash", "write outside the scratch", Expect.PROBE_PASSES, """
                        for p in /etc/evalbatch-breach /root/evalbatch-breach /usr/evalbatch-breach; do
                            if (echo x > "$p") 2>/dev/null; then exit 1; fi
                        done
                        """),
                Arguments.of("bash", "read evalbatch's environment and processes", Expect.PROBE_PASSES, """
                        for name in $(env -0 | tr '\\0' '\\n' | sed -n 's/=.*//p'); do
                            case $name in PATH|HOME|TMPDIR|LANG|LC_ALL|PWD|SHLVL|_|OLDPWD) ;; *) exit 1 ;; esac
                        done
                        processes=$(ls /proc | grep -c '^[0-9]*$')
                        # bash, its command substitution, ls and grep
                        [ "$processes" -le 4 ] || exit 1
                        """),
                Arguments.of("bash", "network", Expect.PROBE_PASSES,
                        "if (exec 5<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null; then exit 1; fi\n"),
                Arguments.of("bash", "kill the parent and everything", Expect.NOT_PASSED,
                        "kill -9 $PPID 2>/dev/null\nkill -9 -1 2>/dev/null\nexit 1\n"),
                Arguments.of("bash", "daemon in a session of its own", Expect.NOT_PASSED,
                        "setsid /bin/sleep " + MARKER + " &\nsleep 0.5\nexit 1\n"),
                // Perl
                Arguments.of("perl", "exit(0) inside the tests", Expect.NO_TOKEN, "exit(0);\n"),
                Arguments.of("perl", "fork bomb", Expect.NOT_PASSED, "while (1) { fork(); }\n"),
                Arguments.of("perl", "spin ignoring signals", Expect.TIMED_OUT,
                        "$SIG{$_} = 'IGNORE' for qw(HUP INT QUIT USR1 USR2 TERM ALRM);\nmy $x = 0;\nwhile (1) { $x++; }\n"),
                Arguments.of("perl", "sleep", Expect.TIMED_OUT, "sleep(100);\n"),
                Arguments.of("perl", "huge allocation", Expect.NOT_PASSED, "my $x = 'x' x (16 * 1024 ** 3);\nprint length($x);\n"),
                Arguments.of("perl", "huge output", Expect.NOT_PASSED, "my $x = 'x' x 65536;\nwhile (1) { print $x; }\n"),
                Arguments.of("perl", "write outside the scratch", Expect.PROBE_PASSES, """
                        for my $p ('/etc/evalbatch-breach', '/root/evalbatch-breach', '/usr/evalbatch-breach') {
                            exit(1) if open(my $f, '>', $p);
                        }
                        """),
                Arguments.of("perl", "read evalbatch's environment and processes", Expect.PROBE_PASSES, """
                        my %known = map { $_ => 1 } qw(PATH HOME TMPDIR LANG LC_ALL);
                        for (keys %ENV) { exit(1) unless $known{$_}; }
                        opendir(my $d, '/proc') or exit(1);
                        my @processes = grep { /^\\d+$/ } readdir($d);
                        exit(1) if @processes > 2;
                        """),
                Arguments.of("perl", "network", Expect.PROBE_PASSES,
                        "use IO::Socket::INET;\nexit(1) if IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => "
                                + port + ", Proto => 'tcp');\n"),
                Arguments.of("perl", "kill the parent and everything", Expect.NOT_PASSED,
                        "kill('KILL', getppid());\nkill('KILL', -1);\nexit(1);\n"),
                Arguments.of("perl", "daemon in a session of its own", Expect.NOT_PASSED,
                        "if (fork() == 0) { exec('setsid', '/bin/sleep', '" + MARKER + "'); }\nsleep(1);\nexit(1);\n"));
    }

    /**
     * Calls of the kernel interfaces container escapes go through, each expected to fail with EPERM
     * (clone3 with ENOSYS, as Docker's profile has it, so that the C library falls back to clone):
     * the program exits with status 0 only if every one was refused. Languages without raw system
     * calls (JavaScript, Java) try through the util-linux tools a program could start.
     */
    static Stream<Arguments> syscallProbes() {
        String c = """
                #ifndef _GNU_SOURCE
                #define _GNU_SOURCE
                #endif
                #include <errno.h>
                #include <signal.h>
                #include <stdio.h>
                #include <unistd.h>
                #include <sys/syscall.h>
                #include <sys/wait.h>
                static int escaped = 0;
                static void refused(const char *name, long result, int expected) {
                    if (result != -1 || errno != expected) {
                        fprintf(stderr, "%s: %ld (errno %d)\\n", name, result, errno);
                        escaped = 1;
                    }
                }
                int main(void) {
                    refused("unshare(CLONE_NEWUSER)", syscall(SYS_unshare, 0x10000000L), EPERM);
                    refused("clone(CLONE_NEWUSER)", syscall(SYS_clone, 0x10000000L | SIGCHLD, 0L, 0L, 0L, 0L), EPERM);
                    refused("setns", syscall(SYS_setns, 0L, 0L), EPERM);
                    refused("mount", syscall(SYS_mount, "none", "/tmp", "tmpfs", 0L, 0L), EPERM);
                    refused("ptrace(PTRACE_TRACEME)", syscall(SYS_ptrace, 0L, 0L, 0L, 0L), EPERM);
                    refused("keyctl(KEYCTL_JOIN_SESSION_KEYRING)", syscall(SYS_keyctl, 1L, 0L), EPERM);
                    refused("add_key", syscall(SYS_add_key, "user", "k", "v", 1L, -3L), EPERM);
                    refused("bpf", syscall(SYS_bpf, 0L, 0L, 0L), EPERM);
                    refused("io_uring_setup", syscall(SYS_io_uring_setup, 1L, 0L), EPERM);
                    refused("userfaultfd", syscall(SYS_userfaultfd, 0L), EPERM);
                    refused("perf_event_open", syscall(SYS_perf_event_open, 0L, 0L, -1L, -1L, 0L), EPERM);
                    refused("process_vm_readv", syscall(SYS_process_vm_readv, 1L, 0L, 0L, 0L, 0L, 0L), EPERM);
                    refused("socket(AF_VSOCK)", syscall(SYS_socket, 40L, 1L, 0L), EPERM);
                    refused("personality(ADDR_NO_RANDOMIZE)", syscall(SYS_personality, 0x0040000L), EPERM);
                    refused("clone3", syscall(SYS_clone3, 0L, 0L), ENOSYS);
                #if defined(__x86_64__)
                    /* The same unshare through the i386 ABI, which a filter of x86_64 numbers alone would let by. */
                    pid_t child = fork();
                    if (child == 0) {
                        long result;
                        __asm__ volatile ("int $0x80" : "=a"(result) : "a"(310L), "b"(0x10000000L) : "memory");
                        _exit(result == -ENOSYS || result == -EPERM ? 0 : 1);
                    }
                    int status;
                    waitpid(child, &status, 0);
                    /* A kernel without the i386 ABI kills the child: nothing to get by. */
                    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
                        fprintf(stderr, "unshare through int 0x80 succeeded\\n");
                        escaped = 1;
                    }
                #endif
                    return escaped;
                }
                """;
        String rust = """
                extern "C" {
                    fn syscall(number: i64, ...) -> i64;
                    fn __errno_location() -> *mut i32;
                }
                fn refused(name: &str, result: i64, expected: i32) -> bool {
                    let errno = unsafe { *__errno_location() };
                    if result != -1 || errno != expected {
                        eprintln!("{}: {} (errno {})", name, result, errno);
                        return false;
                    }
                    true
                }
                fn main() {
                    let mut held = true;
                    unsafe {
                        held &= refused("unshare(CLONE_NEWUSER)", syscall(272, 0x10000000i64), 1);
                        held &= refused("ptrace(PTRACE_TRACEME)", syscall(101, 0i64, 0i64, 0i64, 0i64), 1);
                        held &= refused("keyctl(KEYCTL_JOIN_SESSION_KEYRING)", syscall(250, 1i64, 0i64), 1);
                        held &= refused("bpf", syscall(321, 0i64, 0i64, 0i64), 1);
                        held &= refused("io_uring_setup", syscall(425, 1i64, 0i64), 1);
                        held &= refused("userfaultfd", syscall(323, 0i64), 1);
                        held &= refused("perf_event_open", syscall(298, 0i64, 0i64, -1i64, -1i64, 0i64), 1);
                        held &= refused("socket(AF_VSOCK)", syscall(41, 40i64, 1i64, 0i64), 1);
                    }
                    if !held { std::process::exit(1); }
                }
                """;
        String perl = """
                my $escaped = 0;
                sub refused {
                    my ($name, $result, $expected) = @_;
                    my $errno = $! + 0;
                    if ($result != -1 || $errno != $expected) { print STDERR "$name: $result (errno $errno)\\n"; $escaped = 1; }
                }
                refused('unshare(CLONE_NEWUSER)', syscall(272, 0x10000000), 1);
                refused('ptrace(PTRACE_TRACEME)', syscall(101, 0, 0, 0, 0), 1);
                refused('keyctl(KEYCTL_JOIN_SESSION_KEYRING)', syscall(250, 1, 0), 1);
                refused('bpf', syscall(321, 0, 0, 0), 1);
                refused('io_uring_setup', syscall(425, 1, 0), 1);
                refused('userfaultfd', syscall(323, 0), 1);
                refused('perf_event_open', syscall(298, 0, 0, -1, -1, 0), 1);
                refused('socket(AF_VSOCK)', syscall(41, 40, 1, 0), 1);
                exit(1) if $escaped;
                """;
        String bash = """
                for attempt in "unshare --user true" "unshare --mount true" "unshare --net true" "setarch -R true"; do
                    if $attempt 2>/dev/null; then echo "$attempt succeeded" >&2; exit 1; fi
                done
                """;
        return Stream.of(
                Arguments.of("c", c),
                Arguments.of("cpp", c),
                Arguments.of("rust", rust),
                Arguments.of("perl", perl),
                Arguments.of("bash", bash),
                Arguments.of("javascript", """
                        const {spawnSync} = require('child_process');
                        for (const args of [['--user', 'true'], ['--mount', 'true'], ['--net', 'true']]) {
                            if (spawnSync('unshare', args).status === 0) process.exit(1);
                        }
                        """),
                Arguments.of("java", """
                        class Main {
                            public static void main(String[] args) throws Exception {
                                for (String kind : new String[] {"--user", "--mount", "--net"}) {
                                    Process p = new ProcessBuilder("unshare", kind, "true").start();
                                    if (p.waitFor() == 0) System.exit(1);
                                }
                            }
                        }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syscallProbes")
    void theKernelInterfacesContainerEscapesUseAreRefused(String language, String program) {
        Requires.language(language);
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the probes call system calls by their x86_64 numbers");
        FilterResult result = run(language, program);
        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.PASSED);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"hostilePrograms", "hostileProgramsInRustBashAndPerl"})
    void aHostileProgramEndsWithinItsLimitsAndHurtsNoOneElse(String language, String what, Expect expect, String program) {
        Requires.language(language);
        if (expect == Expect.PROBE_PASSES || what.contains("link")) {
            Requires.namespaces(namespaces);
        }
        long docs = docCount(Path.of("/usr/share/doc"));
        long started = System.nanoTime();
        FilterResult result = run(language, program);
        double seconds = (System.nanoTime() - started) / 1e9;
        switch (expect) {
            case NOT_PASSED -> assertThat(result.outcome()).as(result.detail()).isIn(Outcome.FAILED, Outcome.TIMED_OUT);
            case TIMED_OUT -> assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.TIMED_OUT);
            case PROBE_PASSES -> assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.PASSED);
            case NO_TOKEN -> {
                assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(result.detail()).contains("no completion token");
            }
        }
        // Limits of 1 s CPU and 3 s wall per run (15 s to compile); generous for a busy machine.
        assertThat(seconds).as("seconds taken").isLessThan(30);
        assertThat(result.detail().length()).isLessThan(5000);
        assertThat(docCount(Path.of("/usr/share/doc"))).isEqualTo(docs);
        assertThat(run(language, benign(language)).outcome()).as("the next sample").isEqualTo(Outcome.PASSED);
    }

    @Test
    void aCompilerKeptBusyIsStoppedAtItsLimitAndItsFloodOfErrorsIsBounded() {
        Requires.language("cpp");
        SimulationFilter filter = filter("cpp", Map.of("compile-timeout", 2, "compile-wall-timeout", 6));
        long started = System.nanoTime();
        FilterResult busy = filter.evaluate(sample("cpp", "constexpr long f(long n) { long s = 0; "
                + "for (long i = 0; i < n; i++) s += i % 7; return s; }\nstatic_assert(f(1L << 40) > 0, \"\");\n"
                + "int main() {}\n"));
        assertThat(busy.outcome()).as(busy.detail()).isIn(Outcome.TIMED_OUT, Outcome.FAILED);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(20);
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            errors.append("undeclared_").append(i).append(" = ").append(i).append(";\n");
        }
        // Some 500 KB of error messages, of which the detail keeps a bounded head.
        FilterResult flood = run("cpp", "int main() {\n" + errors + "}\n");
        assertThat(flood.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(flood.fields()).containsEntry("status", "SyntaxError");
        assertThat(flood.detail().length()).isBetween(100, 3000);
    }

    @Test
    void theWarmJavaCompilerIsStoppedAtItsLimitAndStartedAfreshForTheNextSample() {
        Requires.language("java");
        SimulationFilter filter = filter("java", Map.of("compile-timeout", 0.5, "compile-wall-timeout", 5));
        StringBuilder body = new StringBuilder();
        for (int m = 0; m < 40; m++) {
            body.append("    static long m").append(m).append("(long s) {\n");
            for (int i = 0; i < 500; i++) {
                body.append("        s = s * 31 + ").append(i).append(" + Long.rotateLeft(s, ").append(i % 63).append(");\n");
            }
            body.append("        return s;\n    }\n");
        }
        FilterResult busy = filter.evaluate(sample("java", "class Main {\n" + body
                + "    public static void main(String[] args) { }\n}\n"));
        assertThat(busy.outcome()).as(busy.detail()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(busy.detail()).startsWith("Timeout: compiling timed out");
        FilterResult next = filter.evaluate(sample("java", benign("java")));
        assertThat(next.outcome()).as(next.detail()).isEqualTo(Outcome.PASSED);
        // A program that kills every process it can see reaches neither the compiler nor the next sample.
        FilterResult killer = filter.evaluate(sample("java", "class Main {\n    public static void main(String[] a) {\n"
                + "        ProcessHandle.allProcesses().forEach(ProcessHandle::destroyForcibly);\n    }\n}\n"));
        assertThat(killer.outcome()).isIn(Outcome.PASSED, Outcome.FAILED);
        FilterResult after = filter.evaluate(sample("java", benign("java")));
        assertThat(after.outcome()).as(after.detail()).isEqualTo(Outcome.PASSED);
        filter.close();
    }

    private static String benign(String language) {
        return Objects.requireNonNull(HelloPrograms.of(language));
    }

    private static FilterResult run(String language, String program) {
        return FILTERS.computeIfAbsent(language, l -> filter(l, Map.of())).evaluate(sample(language, program));
    }

    private static SimulationFilter filter(String language, Map<String, Object> more) {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("language", language, "program", "{response}",
                "timeout", 1, "wall-timeout", 3, "file-size-mb", 16));
        options.putAll(more);
        FilterSpec spec = new FilterSpec("test", "program", options);
        ProgramFilterProvider provider = new ProgramFilterProvider(ScorerEvents.NONE);
        provider.validate(spec);
        return provider.create(spec);
    }

    private static Sample sample(String language, String program) {
        return new Sample("r", 0, "isolation", language, 0, "test", 1, "", program, "", null, null);
    }

    private static long docCount(Path directory) {
        String[] names = directory.toFile().list();
        return names == null ? -1 : names.length;
    }
}
