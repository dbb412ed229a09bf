package dev.adjoint.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The entry point of {@code -javaagent:ad.jar[=options]} and of attaching the jar to a running JVM. The runtime
 * must live on the boot class path, where every class loader sees one copy of it. The manifest's
 * {@code Boot-Class-Path: ad.jar} puts it there when the jar has that name; under another name, such as the one a
 * Maven repository gives it, this class appends its own jar, before any other class of Adjoint is loaded. It
 * therefore refers to the rest of Adjoint only by name.
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
