package dev.adjoint.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The harness launches what the tests think it launches. */
class LaunchTest {

    private static Launch probe() {
        return Launch.of("Probe").classPath(TestPrograms.jar("probe"));
    }

    @Test
    void every_launched_jvm_verifies_all_bytecode_and_runs_the_engine_with_verification() {
        Outcome o = probe().run().assertSucceeded();
        List<String> options = o.values("jvmOption");
        assertTrue(options.containsAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal",
                "-XX:+BytecodeVerificationRemote", "-Dadjoint.verify=true")), o::describe);
        assertTrue(options.contains("-javaagent:" + Project.agentJar()), o::describe);
        assertEquals("true", o.value("adjoint.verify"), o::describe);
    }

    @Test
    void a_plain_launch_without_verification_gets_only_the_options_the_test_gives() {
        Outcome o = probe().mode(Mode.PLAIN).withoutVerification().jvmOptions("-Dprobe=1").run().assertSucceeded();
        assertEquals(List.of("-Dprobe=1"), o.values("jvmOption"), o::describe);
        assertEquals("null", o.value("adjoint.verify"), o::describe);
        assertEquals(TestPrograms.jar("probe").toString(), o.value("java.class.path"), o::describe);
    }

    @Test
    void a_launch_that_outlives_its_timeout_is_killed_and_reported() {
        Outcome o = probe().args("sleep").timeout(Duration.ofSeconds(4)).run();
        assertTrue(o.timedOut(), o::describe);
        assertEquals(-1, o.exitCode(), o::describe);
        assertTrue(o.stdoutLines().contains("sleeping"), o::describe);
        assertTrue(o.wallTime().compareTo(Duration.ofSeconds(4)) >= 0
                && o.wallTime().compareTo(Duration.ofSeconds(30)) < 0, o::describe);
    }

    @Test
    void a_launch_on_another_jdk_runs_that_jdks_java() throws Exception {
        Jdk java25 = Jdk.require(Jdk.TEMURIN_25, 25);
        Outcome o = probe().jdk(java25).run().assertSucceeded();
        assertEquals(java25.home().toRealPath(), Path.of(o.value("java.home")).toRealPath(), o::describe);
        // the suite itself may run on Java 25; the launched JVM is Java 25 either way
        assertEquals("25", o.value("java.specification.version"), o::describe);
    }
}
