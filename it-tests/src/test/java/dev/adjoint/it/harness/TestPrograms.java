package dev.adjoint.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The programs the integration tests launch, compiled for real from {@code it-tests/src/test/programs/NAME/} into
 * {@code it-tests/target/it-programs/}, one jar per program, JDK and {@code --release}.
 *
 * <p>A program is compiled once per test run and its jar shared by every test that launches it. The JDK that runs
 * the tests compiles in-process with {@code javax.tools}; another JDK (a newer {@code --release}) compiles with its
 * own {@code javac}. Programs compile against {@code ad.jar}, with full debug information, as Maven compiles user
 * code.
 */
public final class TestPrograms {

    /** The release programs are compiled for unless a test asks for another: the oldest Java Adjoint supports. */
    public static final int DEFAULT_RELEASE = 17;

    private static final Map<String, Path> JARS = new ConcurrentHashMap<>();

    private TestPrograms() {
    }

    /**
     * @param program the directory name under {@code src/test/programs}
     * @return the program's jar, compiled by the running JDK for {@link #DEFAULT_RELEASE}
     */
    public static Path jar(String program) {
        return jar(program, Jdk.current(), DEFAULT_RELEASE);
    }

    /**
     * @param program   the directory name under {@code src/test/programs}
     * @param libraries jars the program compiles against besides {@code ad.jar} (and runs with)
     * @return the program's jar, compiled by the running JDK for {@link #DEFAULT_RELEASE}
     */
    public static Path jar(String program, Path... libraries) {
        List<Path> libs = List.of(libraries);
        String key = program + "-java" + Jdk.current().feature() + "-release" + DEFAULT_RELEASE
                + (libs.isEmpty() ? "" : "-with-" + Integer.toHexString(libs.hashCode()));
        return JARS.computeIfAbsent(key, k -> compile(program, Jdk.current(), DEFAULT_RELEASE, libs,
                Project.buildDirectory().resolve("it-programs").resolve(k)));
    }

    /**
     * @param program the directory name under {@code src/test/programs}
     * @param jdk     the JDK whose compiler to use
     * @param release the {@code --release} to compile for
     * @return the program's jar
     */
    public static Path jar(String program, Jdk jdk, int release) {
        String key = program + "-java" + jdk.feature() + "-release" + release;
        return JARS.computeIfAbsent(key, k -> compile(program, jdk, release, List.of(), Project.buildDirectory()
                .resolve("it-programs").resolve(k)));
    }

    /**
     * @param program the directory name under {@code src/test/programs}
     * @param file    a path inside it, for example {@code Prog.java}
     * @return the source file
     */
    public static Path source(String program, String file) {
        Path p = sources(program).resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no source file " + p);
        }
        return p;
    }

    /**
     * The line of a source file that holds a marker comment, so that a test can expect a line number without
     * writing it twice.
     *
     * @param program the directory name under {@code src/test/programs}
     * @param file    a path inside it
     * @param marker  text that occurs on exactly one line
     * @return the 1-based line number
     */
    public static int lineOf(String program, String file, String marker) {
        List<String> lines = read(source(program, file));
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("'" + marker + "' occurs twice in " + file);
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("'" + marker + "' does not occur in " + file);
        }
        return found;
    }

    /**
     * The class file version of a class in a jar, to check what a program was compiled for.
     *
     * @param jar       a jar
     * @param className the binary name of a class in it
     * @return the major version, for example 61 for Java 17 and 69 for Java 25
     */
    public static int majorVersion(Path jar, String className) {
        try (JarFile j = new JarFile(jar.toFile())) {
            JarEntry e = j.getJarEntry(className.replace('.', '/') + ".class");
            if (e == null) {
                throw new IllegalArgumentException(jar + " has no class " + className);
            }
            try (DataInputStream in = new DataInputStream(j.getInputStream(e))) {
                if (in.readInt() != 0xCAFEBABE) {
                    throw new IllegalArgumentException(className + " in " + jar + " is not a class file");
                }
                in.readUnsignedShort();
                return in.readUnsignedShort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sources(String program) {
        Path dir = Project.root().resolve("it-tests/src/test/programs").resolve(program);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no test program " + dir);
        }
        return dir;
    }

    private static Path compile(String program, Jdk jdk, int release, List<Path> libraries, Path out) {
        Path classes = out.resolve("classes");
        Path jar = out.resolveSibling(out.getFileName() + ".jar");
        try {
            deleteTree(classes);
            Files.createDirectories(classes);
            List<String> files = javaFiles(sources(program));
            List<String> cp = new ArrayList<>(List.of(Project.agentJar().toString()));
            libraries.forEach(l -> cp.add(l.toString()));
            List<String> options = List.of("--release", Integer.toString(release), "-g", "-encoding", "UTF-8",
                    "-implicit:none", "-classpath", String.join(java.io.File.pathSeparator, cp), "-d",
                    classes.toString());
            if (jdk.isCurrent()) {
                compileInProcess(program, options, files);
            } else {
                compileWith(jdk, program, options, files);
            }
            writeJar(classes, jar);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile test program " + program, e);
        }
    }

    private static void compileInProcess(String program, List<String> options, List<String> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests run on a JRE; javax.tools needs a JDK");
        }
        List<String> args = new ArrayList<>(options);
        args.addAll(files);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, OutputStream.nullOutputStream(), diagnostics, args.toArray(new String[0]));
        if (rc != 0) {
            throw new IllegalStateException("test program " + program + " does not compile:\n"
                    + diagnostics.toString(StandardCharsets.UTF_8));
        }
    }

    private static void compileWith(Jdk jdk, String program, List<String> options, List<String> files) {
        if (!Files.isExecutable(jdk.javac())) {
            throw new IllegalStateException(jdk + " has no javac");
        }
        List<String> command = new ArrayList<>();
        command.add(jdk.javac().toString());
        command.addAll(options);
        command.addAll(files);
        Outcome o = ChildProcess.run(command, Map.of(), Project.root(), Duration.ofMinutes(2));
        if (o.timedOut() || o.exitCode() != 0) {
            throw new IllegalStateException("test program " + program + " does not compile with " + jdk + ":\n"
                    + o.describe());
        }
    }

    private static List<String> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), m);
             Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, j);
                j.closeEntry();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
