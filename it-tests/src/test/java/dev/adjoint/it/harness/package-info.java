/**
 * The harness of the integration tests: real programs, compiled for real, run in real JVMs.
 *
 * <ul>
 *   <li>{@link dev.adjoint.it.harness.TestPrograms} compiles a program of {@code src/test/programs/NAME/} into a jar,
 *       once per run, for a chosen {@code --release} and JDK, or against third-party jars that
 *       {@link dev.adjoint.it.harness.Libraries} finds (Commons Math, EJML, as published);</li>
 *   <li>{@link dev.adjoint.it.harness.Launch} describes a JVM to start: main class, class path, arguments, a
 *       {@link dev.adjoint.it.harness.Mode} (with the agent, instrumented ahead of time, or plain), a
 *       {@link dev.adjoint.it.harness.Jdk}, a timeout; every JVM verifies all bytecode;</li>
 *   <li>{@link dev.adjoint.it.harness.Script} runs {@code bin/ad} with a chosen {@code JAVA_HOME};</li>
 *   <li>{@link dev.adjoint.it.harness.Outcome} is what a run did: exit code, output, wall time, and
 *       {@code key=value} lines read as numbers; {@link dev.adjoint.it.harness.Comparison} is a launch in two
 *       modes, asserted identical in one call;</li>
 *   <li>{@link dev.adjoint.it.harness.FiniteDifferences} is an oracle computed in the test JVM;
 *       {@link dev.adjoint.it.harness.Project} finds the built artifacts;
 *       {@link dev.adjoint.it.harness.OfflineInstrumentation} stands for {@code ad instrument}, which does not exist
 *       yet.</li>
 * </ul>
 *
 * <pre>{@code
 * Outcome o = Launch.of("Prog").classPath(TestPrograms.jar("prog")).run().assertSucceeded();
 * assertEquals(Math.cos(1), o.number("gradient"), 1e-12, o::describe);
 * Launch.of("Prog").classPath(jar).runIn(Mode.PLAIN, Mode.WITH_AGENT).assertIdentical();
 * }</pre>
 */
package dev.adjoint.it.harness;
