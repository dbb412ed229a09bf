package dev.adjoint.internal.runtime;

import java.lang.reflect.Field;

/**
 * Creates objects without running a constructor, for structural gradients and differentiated constructors.
 * {@code sun.misc.Unsafe.allocateInstance} (module {@code jdk.unsupported}) initialises the class like {@code new}
 * does and leaves every field at its default value.
 */
public final class Allocation {

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private Allocation() {
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param type a concrete class
     * @return a new instance with all fields at their defaults
     */
    public static Object allocate(Class<?> type) {
        try {
            return UNSAFE.allocateInstance(type);
        } catch (InstantiationException e) {
            throw new IllegalArgumentException("cannot allocate " + type.getName(), e);
        }
    }
}
