package dev.adjoint.internal.runtime;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * The link between the runtime and the agent: the {@link Instrumentation} handle, and what {@code AD} does when
 * the JVM was started without {@code -javaagent:ad.jar}.
 */
public final class AgentSupport {

    private static final String ATTACH = "dev.adjoint.agent.SelfAttach";
    private static volatile Instrumentation instrumentation;
    private static volatile boolean checked;

    private AgentSupport() {
    }

    /**
     * Called by the agent's {@code premain} and {@code agentmain}.
     *
     * @param inst the JVM's instrumentation
     */
    public static void install(Instrumentation inst) {
        instrumentation = inst;
        checked = true;
    }

    /** @return the instrumentation, or null when no agent is loaded */
    public static Instrumentation instrumentation() {
        return instrumentation;
    }

    /**
     * Makes sure the agent is present: attaches it to this JVM when its classes are on the class path and the JVM
     * allows it (saying so once), or explains how to start the JVM. A JVM whose class path holds a jar instrumented
     * by {@code ad instrument} needs no agent: the runtime defines the precomputed companions, and generates any
     * that are missing, with the engine in {@code ad.jar}, without {@link Instrumentation}.
     *
     * @throws IllegalStateException when the agent is absent and cannot be attached
     */
    public static void ensureStarted() {
        if (checked) {
            return;
        }
        synchronized (AgentSupport.class) {
            if (checked) {
                return;
            }
            if (instrumentation == null && StoredCompanions.precomputedPresent()) {
                // 'ad instrument' made the derivative code ahead of time: the runtime needs no agent to define it
                if (Settings.verbose()) {
                    System.err.println("[adjoint] no agent: using the companions that 'ad instrument' precomputed");
                }
            } else if (instrumentation == null) {
                String failure = attach();
                if (instrumentation == null) {
                    throw new IllegalStateException("Adjoint's agent is not loaded" + (failure == null ? "" : " ("
                            + failure + ")") + ". Start the JVM with -javaagent:/path/to/ad.jar, for example:\n"
                            + "    java -javaagent:agent/target/ad.jar -cp app.jar com.example.Main\n"
                            + "or, in Maven Surefire, <argLine>-javaagent:${path.to.ad.jar}</argLine>.");
                }
                System.err.println("[adjoint] no -javaagent:ad.jar on the command line: attached the agent to this "
                        + "running JVM. Add -javaagent:/path/to/ad.jar to start faster and to silence this note.");
            }
            checked = true;
        }
    }

    private static String attach() {
        try {
            Class<?> c = Class.forName(ATTACH, true, AgentSupport.class.getClassLoader());
            Method m = c.getMethod("attach");
            m.invoke(null);
            return null;
        } catch (ClassNotFoundException e) {
            return "ad.jar is not on the class path, so it cannot attach itself";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "attaching it failed: " + cause;
        }
    }
}
