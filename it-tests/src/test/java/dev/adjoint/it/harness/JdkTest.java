package dev.adjoint.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Naming a Java installation by its home directory. */
class JdkTest {

    @Test
    void the_running_jdk_knows_its_feature_release_and_its_executables() {
        Jdk current = Jdk.current();
        assertEquals(Runtime.version().feature(), current.feature());
        assertTrue(current.isCurrent());
        assertTrue(current.java().toFile().canExecute(), current::toString);
    }

    @Test
    void a_directory_without_a_jdk_is_no_jdk() {
        assertTrue(Jdk.at(Path.of("/nonexistent/jdk")).isEmpty());
    }

    @Test
    void another_jdk_reads_its_feature_release_from_its_release_file() {
        Jdk java25 = Jdk.require(Jdk.TEMURIN_25, 25);
        assertEquals(25, java25.feature());
        assertEquals(Jdk.TEMURIN_25.resolve("bin/java"), java25.java());
    }
}
