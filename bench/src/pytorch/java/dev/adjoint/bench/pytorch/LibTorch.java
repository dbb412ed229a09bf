package dev.adjoint.bench.pytorch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Starts DJL's PyTorch engine from the native jar on the class path, with a chosen number of threads. */
public final class LibTorch {

    private LibTorch() {
    }

    /**
     * Loads libtorch once per JVM and sets its intra-op thread pool; one inter-op thread, since every workload here
     * is one chain of operations.
     *
     * @param threads libtorch's intra-op threads
     * @return the engine
     */
    public static Engine start(int threads) {
        // DJL reads these while it loads the engine; offline, it takes libtorch from the class path or fails
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        // a second start in the same JVM (the tests) still gets the threads it asked for
        JniUtils.setNumThreads(threads);
        if (JniUtils.getNumThreads() != threads) {
            throw new IllegalStateException("libtorch runs " + JniUtils.getNumThreads() + " threads, not " + threads);
        }
        return engine;
    }
}
