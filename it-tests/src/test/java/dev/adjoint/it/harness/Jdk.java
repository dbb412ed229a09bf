package dev.adjoint.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * A Java installation, named by its home directory as {@code JAVA_HOME} names one: launches use its
 * {@code bin/java}, and programs can be compiled with its {@code bin/javac}.
 */
public final class Jdk {

    /** Where the Temurin 25 JDK is installed on the build machines. */
    public static final Path TEMURIN_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

    private final Path home;
    private final int feature;

    private Jdk(Path home, int feature) {
        this.home = home;
        this.feature = feature;
    }

    /** @return the JDK that runs the tests */
    public static Jdk current() {
        return new Jdk(Paths.get(System.getProperty("java.home")), Runtime.version().feature());
    }

    /**
     * The JDK at a home directory, if one is installed there.
     *
     * @param home a directory with {@code bin/java} and a {@code release} file
     * @return the JDK, or empty when there is none
     */
    public static Optional<Jdk> at(Path home) {
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(home.resolve("release"))) {
            return Optional.empty();
        }
        return Optional.of(new Jdk(home, featureOf(home.resolve("release"))));
    }

    /**
     * The JDK at a home directory, or skips the calling test with the reason when it is not installed.
     *
     * @param home    the home directory
     * @param feature the feature release the test needs, for example 25
     * @return the JDK
     */
    public static Jdk require(Path home, int feature) {
        Optional<Jdk> jdk = at(home);
        Assumptions.assumeTrue(jdk.isPresent(), () -> "no JDK installed at " + home + "; this test needs Java "
                + feature + " there (install Temurin " + feature + " to run it)");
        Assumptions.assumeTrue(jdk.get().feature() == feature, () -> "the JDK at " + home + " is Java "
                + jdk.get().feature() + ", not Java " + feature);
        return jdk.get();
    }

    /** @return the home directory, what {@code JAVA_HOME} would be */
    public Path home() {
        return home;
    }

    /** @return the feature release, for example 17 or 25 */
    public int feature() {
        return feature;
    }

    /** @return {@code bin/java} */
    public Path java() {
        return home.resolve("bin/java");
    }

    /** @return {@code bin/javac}, absent from a JRE */
    public Path javac() {
        return home.resolve("bin/javac");
    }

    /** @return whether this is the JDK that runs the tests */
    public boolean isCurrent() {
        return home.toAbsolutePath().normalize().equals(current().home.toAbsolutePath().normalize());
    }

    private static int featureOf(Path release) {
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    // "1.8.0_392" is Java 8, "25.0.3" is Java 25
                    String[] parts = v.split("[._+-]");
                    int first = Integer.parseInt(parts[0]);
                    return first == 1 ? Integer.parseInt(parts[1]) : first;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(release + " has no JAVA_VERSION");
    }

    @Override
    public String toString() {
        return "Java " + feature + " at " + home;
    }
}
