package dev.adjoint.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code CLASS#METHOD} and {@code --cp}: mixed into the commands that work on one method of the user's classes. */
final class MethodOptions {

    @Parameters(index = "0", paramLabel = "CLASS#METHOD",
            description = "The method, for example com.example.Model#loss. An overloaded method needs its "
                    + "parameter types, in quotes for the shell: 'com.example.F#f(double, int)', or a descriptor: "
                    + "'com.example.F#f(DI)D'.")
    String method;

    @Option(names = "--cp", paramLabel = "PATH",
            description = "Jars and directories of classes, separated by '${sys:path.separator}'; searched before "
                    + "Adjoint's own class path, which holds the examples.")
    String classPath;

    /** @return the method as written; the class path is checked when the command opens it */
    MethodReference reference() {
        return MethodReference.parse(method);
    }

    /** @return the class path, each entry checked */
    UserClassPath openClassPath() {
        return UserClassPath.of(classPath);
    }
}
