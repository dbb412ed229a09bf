package dev.adjoint.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** User classes for the tests: Java sources compiled for real, into a directory or a jar that is not on the tool's class path. */
final class Sources {

    private Sources() {
    }

    /**
     * @param dir     where the classes go ({@code dir/classes})
     * @param sources pairs of file name ({@code com/example/F.java}) and text
     * @return the directory of the compiled classes
     */
    static Path compile(Path dir, String... sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-g", "-encoding", "UTF-8", "-d",
                classes.toString()));
        for (int k = 0; k < sources.length; k += 2) {
            Path f = src.resolve(sources[k]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, sources[k + 1], StandardCharsets.UTF_8);
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        if (javac.run(null, OutputStream.nullOutputStream(), diagnostics, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException(diagnostics.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    /** @return a jar of a directory of classes */
    static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, j);
                j.closeEntry();
            }
        }
        return jar;
    }
}
