package dev.adjoint.agent;

import java.lang.instrument.Instrumentation;

import dev.adjoint.internal.runtime.AgentSupport;

/**
 * The entry point of {@code -javaagent:ad.jar[=options]} and of attaching to a running JVM. It parses the options,
 * hands the instrumentation to the runtime and registers a transformer that only watches: no class is ever
 * modified, and everything heavy happens later, off the start-up path.
 */
public final class PreMain {

    private PreMain() {
    }

    public static void premain(String options, Instrumentation inst) {
        start(options, inst);
    }

    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst);
    }

    private static void start(String options, Instrumentation inst) {
        AgentOptions o = AgentOptions.parse(options);
        o.apply();
        AgentSupport.install(inst);
        inst.addTransformer(new DifferentiableWatcher(o), false);
    }
}
