package dev.adjoint.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the built artifacts of Adjoint are: the root of the Maven reactor, {@code ad.jar}, the examples, the CLI and
 * the {@code bin/ad} launcher.
 *
 * <p>Surefire passes {@code adjoint.root} and {@code adjoint.agent.jar}; an IDE that runs a test without them gets
 * the root found by walking up from the working directory to the parent pom.
 */
public final class Project {

    private static final Path ROOT = findRoot();

    private Project() {
    }

    /** @return the root of the reactor, the directory of the parent pom */
    public static Path root() {
        return ROOT;
    }

    /** @return {@code agent/target/ad.jar}: the agent, the engine and the public API, shaded into one jar */
    public static Path agentJar() {
        String configured = System.getProperty("adjoint.agent.jar");
        return requireBuilt(configured != null && !configured.isBlank()
                ? Paths.get(configured) : ROOT.resolve("agent/target/ad.jar"));
    }

    /** @return {@code examples/target/adjoint-examples.jar}: the seed programs */
    public static Path examplesJar() {
        return requireBuilt(ROOT.resolve("examples/target/adjoint-examples.jar"));
    }

    /** @return {@code cli/target/ad-cli.jar}: the command line, which runs under the agent */
    public static Path cliJar() {
        return requireBuilt(ROOT.resolve("cli/target/ad-cli.jar"));
    }

    /** @return {@code bin/ad}: the launcher script users run */
    public static Path launcher() {
        return requireBuilt(ROOT.resolve("bin/ad"));
    }

    /**
     * The runtime that offline-instrumented classes link against. Until the build produces a runtime of its own,
     * that is {@code ad.jar} on the class path, without {@code -javaagent}.
     *
     * @return the runtime jar
     */
    public static Path runtimeJar() {
        String configured = System.getProperty("adjoint.runtime.jar");
        return configured != null && !configured.isBlank() ? requireBuilt(Paths.get(configured)) : agentJar();
    }

    /**
     * A third-party jar from Maven Central that the it-tests launch (declared in {@code it-tests/pom.xml}, its path
     * passed by Surefire as {@code adjoint.NAME.jar}).
     *
     * @param name {@code commons.math}, {@code commons.math.tests}, {@code junit4}, {@code hamcrest},
     *             {@code ejml.ddense}, {@code ejml.core} or {@code hipparchus.MODULE}
     * @return the jar in the local Maven repository
     */
    public static Path dependency(String name) {
        String configured = System.getProperty("adjoint." + name + ".jar");
        if (configured == null || configured.isBlank() || configured.startsWith("${")) {
            throw new IllegalStateException("-Dadjoint." + name + ".jar is not set; run the it-tests through Maven "
                    + "(mvn -pl it-tests verify), which resolves it");
        }
        return requireBuilt(Paths.get(configured));
    }

    /** @return {@code it-tests/target}: where compiled programs and instrumented jars go */
    public static Path buildDirectory() {
        return ROOT.resolve("it-tests/target");
    }

    private static Path requireBuilt(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " does not exist; build the reactor first: "
                    + "cd " + ROOT + " && mvn -q -B install -DskipTests");
        }
        return p;
    }

    private static Path findRoot() {
        String configured = System.getProperty("adjoint.root");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        // the parent pom is the one that lists it-tests as a module
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("it-tests")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the root of Adjoint above " + Paths.get("").toAbsolutePath()
                + "; set -Dadjoint.root=/path/to/adjoint");
    }
}
