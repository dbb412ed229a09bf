package dev.adjoint.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The entry point of {@code -javaagent:ad.jar[=options]} and of attaching the jar to a running JVM. The runtime
 * must live on the boot class path, where every class loader sees one copy of it: this class appends its own jar,
 * whatever its name, before any other class of Adjoint is loaded, and therefore refers to the rest of Adjoint only
 * by name. (The manifest used to name {@code ad.jar} as its boot class path; a jar renamed beside another
 * {@code ad.jar} then ran that other jar's engine.)
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
        try {
            if (PreMain.class.getClassLoader() != null) {
                File jar = new File(PreMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            }
            Class.forName("dev.adjoint.agent.AgentStart", true, null)
                    .getMethod("start", String.class, Instrumentation.class).invoke(null, options, inst);
        } catch (ReflectiveOperationException | java.io.IOException | java.net.URISyntaxException
                 | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            System.err.println("[adjoint] the agent did not start (" + cause + "); gradients will try to attach it "
                    + "when first needed");
        }
    }
}
