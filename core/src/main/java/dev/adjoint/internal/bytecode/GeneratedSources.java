package dev.adjoint.internal.bytecode;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Class files of classes that Adjoint defines at run time and that the engine must be able to read like any other
 * code: the classes that stand for lambdas created in differentiated code. {@link ClassHierarchy.ClassBytes}
 * looks here before the class loader's resources.
 */
public final class GeneratedSources {

    private static final Object BOOT = new Object();
    private static final Map<Object, Map<String, byte[]>> BY_LOADER = new WeakHashMap<>();

    private GeneratedSources() {
    }

    /**
     * @param loader       the loader that defined the class
     * @param internalName its name
     * @param bytes        the class file the engine reads for it
     */
    public static synchronized void register(ClassLoader loader, String internalName, byte[] bytes) {
        BY_LOADER.computeIfAbsent(loader == null ? BOOT : loader, k -> new ConcurrentHashMap<>())
                .put(internalName, bytes);
    }

    /** @return the registered class file, or {@code null} */
    public static synchronized byte[] find(ClassLoader loader, String internalName) {
        Map<String, byte[]> m = BY_LOADER.get(loader == null ? BOOT : loader);
        return m == null ? null : m.get(internalName);
    }
}
