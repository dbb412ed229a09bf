package dev.adjoint.agent;

import java.lang.instrument.Instrumentation;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Attaches the agent to the running JVM when it was started without {@code -javaagent:ad.jar}; called by the
 * runtime on the first gradient. Byte Buddy's attach starts a helper process where the JVM forbids attaching to
 * itself.
 */
public final class SelfAttach {

    private SelfAttach() {
    }

    /** Attaches and installs the agent; throws when the JVM does not allow it. */
    public static void attach() {
        Instrumentation inst = ByteBuddyAgent.install();
        AgentStart.start(System.getProperty("adjoint.agent.options"), inst);
    }
}
