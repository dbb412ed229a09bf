package dev.adjoint.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Watches classes load and hands the candidates to a background thread that finds those implementing
 * {@code Differentiable} and prepares their derivative code. It always returns {@code null}: classes are never
 * modified, and the transformer does nothing heavier than a name check.
 */
final class DifferentiableWatcher implements ClassFileTransformer {

    private final AgentOptions options;
    private final LinkedBlockingQueue<Candidate> queue = new LinkedBlockingQueue<>();
    private volatile boolean started;

    static final class Candidate {
        final WeakReference<ClassLoader> loader;
        final String name;

        Candidate(ClassLoader loader, String name) {
            this.loader = new WeakReference<>(loader);
            this.name = name;
        }
    }

    DifferentiableWatcher(AgentOptions options) {
        this.options = options;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        try {
            if (loader == null || className == null || redefined != null || !options.prepare
                    || className.startsWith("dev/adjoint/") || className.startsWith("java/")
                    || className.startsWith("jdk/") || className.startsWith("sun/")
                    || className.startsWith("com/sun/") || className.contains("$$Lambda")
                    || !options.selects(className)) {
                return null;
            }
            queue.add(new Candidate(loader, className));
            if (!started) {
                startPreparer();
            }
        } catch (Throwable t) {
            // a watcher must never break class loading
            if (options.verbose) {
                System.err.println("[adjoint] watcher failed on " + className + ": " + t);
            }
        }
        return null;
    }

    private synchronized void startPreparer() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(new Preparer(queue, options.verbose), "adjoint-prepare");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
