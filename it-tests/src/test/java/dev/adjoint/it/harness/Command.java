package dev.adjoint.it.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A command that is not a JVM of a test program, such as the JDK's {@code jarsigner}: run, waited for, captured. */
public final class Command {

    private Command() {
    }

    /**
     * @param command the program and its arguments
     * @return what it did (within two minutes)
     */
    public static Outcome run(String... command) {
        return ChildProcess.run(List.of(command), Map.of(), Project.root(), Duration.ofMinutes(2));
    }
}
