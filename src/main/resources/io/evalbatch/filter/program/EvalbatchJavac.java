import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * evalbatch's warm Java compiler: one JVM, started once per sandbox as a user of its own, that
 * compiles each sample's source in memory, as javac would compile the file, and hands back the
 * class files. It touches no file but the JDK and the class path, and runs no code of the
 * sources it compiles (annotation processing is off). Started by evalbatch's sandbox server,
 * which enforces each compilation's limits from outside.
 *
 * Request: "COMPILE OPTIONS_SIZE NAME_SIZE SOURCE_SIZE\n" and the three UTF-8 texts, the options
 * separated by NUL. Reply: "STATUS DIAGNOSTICS_SIZE CLASSES\n" (STATUS 0 when it compiled), the
 * diagnostics, then per class "NAME_SIZE DATA_SIZE\n", its binary name and its bytes.
 */
public final class EvalbatchJavac {

    public static void main(String[] args) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        // Compiled once before the first request, so that the first sample is not charged the warm-up.
        compile(compiler, files, List.of("-proc:none"), "Main.java",
                "class Main { public static void main(String[] a) { System.out.println(a.length); } }");
        out.write("READY\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String header = line(in); header != null; header = line(in)) {
            String[] fields = header.split(" ");
            String options = text(in, Integer.parseInt(fields[1]));
            String name = text(in, Integer.parseInt(fields[2]));
            String source = text(in, Integer.parseInt(fields[3]));
            List<String> list = options.isEmpty() ? List.of() : Arrays.asList(options.split("\0"));
            Result result = compile(compiler, files, list, name, source);
            byte[] diagnostics = result.diagnostics().getBytes(StandardCharsets.UTF_8);
            out.write(((result.ok() ? 0 : 1) + " " + diagnostics.length + " " + result.classes().size() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(diagnostics);
            for (Map.Entry<String, byte[]> c : result.classes().entrySet()) {
                byte[] binaryName = c.getKey().getBytes(StandardCharsets.UTF_8);
                out.write((binaryName.length + " " + c.getValue().length + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(binaryName);
                out.write(c.getValue());
            }
            out.flush();
        }
    }

    private record Result(boolean ok, String diagnostics, Map<String, byte[]> classes) {
    }

    private static Result compile(JavaCompiler compiler, StandardJavaFileManager files, List<String> options,
                                  String name, String source) {
        Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        ForwardingJavaFileManager<StandardJavaFileManager> memory = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        classes.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok;
        try {
            ok = compiler.getTask(null, memory, diagnostics, new ArrayList<>(options), null, List.of(unit)).call();
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(false, "the compiler failed: " + e, Map.of());
        }
        StringBuilder text = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (text.length() > 65536) {
                break;
            }
            String where = d.getSource() == null ? "" : name + ":" + d.getLineNumber() + ": ";
            text.append(where).append(d.getKind().toString().toLowerCase(Locale.ROOT)).append(": ")
                    .append(d.getMessage(Locale.ROOT)).append('\n');
        }
        Map<String, byte[]> compiled = new LinkedHashMap<>();
        if (ok) {
            classes.forEach((className, bytes) -> compiled.put(className, bytes.toByteArray()));
        }
        return new Result(ok, text.toString(), compiled);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private static String text(DataInputStream in, int size) throws IOException {
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
