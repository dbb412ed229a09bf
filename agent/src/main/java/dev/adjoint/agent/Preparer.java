package dev.adjoint.agent;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.adjoint.Differentiable;
import dev.adjoint.internal.runtime.Companions;

/**
 * Prepares the derivative code of {@code Differentiable} classes in the background, once they have finished
 * loading. A failure here is not an error: the gradient that needs the method will report it.
 */
final class Preparer implements Runnable {

    private final BlockingQueue<DifferentiableWatcher.Candidate> queue;
    private final boolean verbose;

    Preparer(BlockingQueue<DifferentiableWatcher.Candidate> queue, boolean verbose) {
        this.queue = queue;
        this.verbose = verbose;
    }

    @Override
    public void run() {
        while (true) {
            DifferentiableWatcher.Candidate c;
            try {
                c = queue.poll(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (c == null) {
                continue;
            }
            ClassLoader loader = c.loader.get();
            if (loader == null) {
                continue;
            }
            prepare(loader, c.name.replace('/', '.'));
        }
    }

    private void prepare(ClassLoader loader, String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (Throwable e) {
            return;
        }
        if (!Differentiable.class.isAssignableFrom(type) || type.isInterface() || type.isHidden()) {
            return;
        }
        for (Method m : type.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isAbstract(mod) || Modifier.isNative(mod) || m.isSynthetic() && m.isBridge()) {
                continue;
            }
            try {
                Companions.of(type, m.getName(), descriptor(m));
            } catch (Throwable e) {
                if (verbose) {
                    System.err.println("[adjoint] not prepared: " + name + "." + m.getName() + ": " + e.getMessage());
                }
            }
        }
        if (verbose) {
            System.err.println("[adjoint] prepared " + name);
        }
    }

    private static String descriptor(Method m) {
        return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                .toMethodDescriptorString();
    }
}
