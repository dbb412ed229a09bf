package dev.adjoint.agent;

import java.lang.instrument.Instrumentation;

import dev.adjoint.internal.runtime.AgentSupport;

/**
 * Starts the agent once its classes are where they belong: it parses the options, hands the instrumentation to
 * the runtime and registers a transformer that only watches. No class is ever modified, and everything heavy
 * happens later, off the start-up path.
 */
public final class AgentStart {

    private AgentStart() {
    }

    /**
     * @param options the agent's options, or null
     * @param inst    the instrumentation
     */
    public static void start(String options, Instrumentation inst) {
        AgentOptions o = AgentOptions.parse(options);
        o.apply();
        AgentSupport.install(inst);
        inst.addTransformer(new DifferentiableWatcher(o), false);
    }
}
