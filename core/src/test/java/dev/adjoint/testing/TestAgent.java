package dev.adjoint.testing;

import java.lang.instrument.Instrumentation;

import dev.adjoint.internal.runtime.AgentSupport;

/** The agent of the unit tests: the runtime on the application class loader, as in production. */
public final class TestAgent {

    private TestAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        AgentSupport.install(inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        AgentSupport.install(inst);
    }
}
