package dev.adjoint.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.adjoint.MultivariateFunction;

/**
 * Compiles a generated class with the JDK's compiler into a directory of its own and loads it in a class loader of
 * its own, so the engine reads its bytes like those of any application class.
 */
final class ProgramCompiler implements AutoCloseable {

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files = javac.getStandardFileManager(null, null, null);
    private final String classPath;
    private final Path root;
    private int count;

    ProgramCompiler() throws IOException {
        try {
            classPath = Path.of(MultivariateFunction.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        root = Files.createTempDirectory("adjoint-fuzz");
    }

    /** Compiles the program into a fresh class and returns a new instance of it. */
    MultivariateFunction load(Program program) {
        String name = "Generated" + count++;
        Path out = root.resolve(name);
        try {
            Files.createDirectories(out);
            String source = program.source(name);
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            StringWriter errors = new StringWriter();
            boolean ok = javac.getTask(errors, files, null,
                    List.of("-d", out.toString(), "-cp", classPath, "--release", "17", "-g"), null, List.of(unit))
                    .call();
            if (!ok) {
                throw new IllegalStateException("the generated program does not compile:\n" + errors + "\n" + source);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    ProgramCompiler.class.getClassLoader());
            return (MultivariateFunction) loader.loadClass(name).getConstructor().newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        files.close();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
