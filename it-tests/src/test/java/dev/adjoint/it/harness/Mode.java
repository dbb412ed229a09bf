package dev.adjoint.it.harness;

/** How a launched JVM gets Adjoint. */
public enum Mode {

    /** {@code -javaagent:agent/target/ad.jar}: the way users run Adjoint. */
    WITH_AGENT,

    /**
     * No agent: the class path's jars are replaced by what {@code ad instrument} makes of them (each with the rest of
     * the class path as its {@code --cp}), and the runtime is added to the class path.
     */
    INSTRUMENTED,

    /** No agent and nothing instrumented: the JVM as it is, the reference for transparency. */
    PLAIN
}
