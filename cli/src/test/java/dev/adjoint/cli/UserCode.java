package dev.adjoint.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** A user's classes, compiled once per test run, in a directory and in a jar: never on the tool's class path. */
final class UserCode {

    static final String OVERLOADS = "package com.example;\n"
            + "public class Overloads {\n"
            + "    public static double f(double x) { return x * x; }\n"
            + "    public static double f(double x, double y) { return x * Math.sin(y); }\n"
            + "    public static double f(double[] x) { return x[0] * x[1]; }\n"
            + "    static double hidden(double x) { return Math.exp(x) / (1 + x * x); }\n"
            + "    public static double g(String s, double x) { return x; }\n"
            + "}\n";

    static final String MODEL = "package com.example;\n"
            + "public class Model {\n"
            + "    private double w = 0.5;\n"
            + "    public double loss(double x) { double e = w * x - 1; return e * e; }\n"
            + "}\n";

    static final String SUBCLASS = "package com.example;\n"
            + "public class Tuned extends Model {\n"
            + "}\n";

    final Path classes;
    final Path jar;

    private UserCode(Path classes, Path jar) {
        this.classes = classes;
        this.jar = jar;
    }

    private static UserCode compiled;

    /** @return the user's classes, compiled into target/user-code on first use */
    static synchronized UserCode get() throws IOException {
        if (compiled == null) {
            compiled = compile(Paths.get("target", "user-code").toAbsolutePath());
        }
        return compiled;
    }

    private static UserCode compile(Path dir) throws IOException {
        Path classes = Sources.compile(dir, "com/example/Overloads.java", OVERLOADS, "com/example/Model.java", MODEL,
                "com/example/Tuned.java", SUBCLASS);
        Path jar = Sources.jar(classes, dir.resolve("user.jar"));
        return new UserCode(classes, jar);
    }

    /** @return a file with garbage bytes under a jar's name */
    static Path corruptJar(Path dir) throws IOException {
        Path p = dir.resolve("corrupt.jar");
        Files.write(p, new byte[] {'P', 'K', 3, 4, 'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r', 0, 1, 2, 3});
        return p;
    }
}
