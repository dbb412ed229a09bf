package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adjoint.it.harness.Comparison;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Mode;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Project;
import dev.adjoint.it.harness.TestPrograms;

/**
 * Proof of transparency: Apache Commons Math 3.6.1's own JUnit 4 test suite, from its {@code tests} jar on Maven
 * Central, passes under the agent with the same counts, and the same failing tests, as without it.
 *
 * <p>By default a deterministic subset of the suite runs, the test classes of {@link #DEFAULT_PACKAGES} (212
 * classes, 3,018 tests, 34 ignored, about 20 s per run), to keep the build fast; {@code -Dadjoint.commons.math.suite=all} runs all of its 6,481 tests
 * (about two minutes per run on two cores). Without the agent two of them fail on JDK 17 for reasons of the
 * environment, not of Adjoint ({@code FastMathTest.checkMissingFastMathClasses}: StrictMath gained methods;
 * {@code EmpiricalDistributionTest.testLoad}: a resource read from a jar is not a file); they must fail under the
 * agent the same way.
 *
 * <p>A few of its tests draw from generators seeded with the clock and fail now and then with or without the agent.
 * The runner runs each failed test again on its own; one that then passes every time is reported as flaky, not as a
 * failure (see the runner, {@code programs/cmsuite}). At most {@value #MAX_FLAKY} flaky tests are tolerated in either
 * run, so an agent that made many tests unstable would still fail this test.
 */
class CommonsMathSuiteTest {

    /** Packages whose tests run by default. */
    static final List<String> DEFAULT_PACKAGES = List.of("org.apache.commons.math3.analysis",
            "org.apache.commons.math3.special", "org.apache.commons.math3.linear", "org.apache.commons.math3.ode",
            "org.apache.commons.math3.util", "org.apache.commons.math3.dfp", "org.apache.commons.math3.complex",
            "org.apache.commons.math3.fraction");

    static Launch suite() {
        Path cm = Project.dependency("commons.math");
        Path tests = Project.dependency("commons.math.tests");
        Path junit = Project.dependency("junit4");
        Path hamcrest = Project.dependency("hamcrest");
        List<String> args = new ArrayList<>(List.of(tests.toString()));
        if (!"all".equals(System.getProperty("adjoint.commons.math.suite"))) {
            args.addAll(DEFAULT_PACKAGES);
        }
        return Launch.of("CommonsMathSuite").classPath(TestPrograms.jar("cmsuite", junit), cm, tests, junit, hamcrest)
                .args(args.toArray(new String[0])).timeout(Duration.ofMinutes(10));
    }

    /** Flaky tests tolerated in one run of the suite: more would point at the agent, not at the clock. */
    static final int MAX_FLAKY = 2;

    @Test
    void commons_math_tests_pass_under_the_agent_with_the_same_counts_as_without_it() {
        Comparison c = suite().runIn(Mode.PLAIN, Mode.WITH_AGENT);
        Outcome plain = c.first().assertSucceeded();
        Outcome agent = c.second().assertSucceeded();
        assertTrue(plain.number("runs") > 1000, plain::describe);
        assertEquals(plain.value("classes"), agent.value("classes"));
        assertEquals(plain.value("runs"), agent.value("runs"), agent::describe);
        assertEquals(plain.value("failures"), agent.value("failures"), agent::describe);
        assertEquals(plain.value("ignored"), agent.value("ignored"), agent::describe);
        assertEquals(plain.values("failed"), agent.values("failed"), agent::describe);
        assertTrue(plain.values("flaky").size() <= MAX_FLAKY, plain::describe);
        assertTrue(agent.values("flaky").size() <= MAX_FLAKY, agent::describe);
    }
}
