package dev.adjoint.internal.activity;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JDK classes whose objects hold no floating-point value, directly or through the objects their fields declare
 * ({@code BigDecimal}, {@code BigInteger}, {@code MathContext}, {@code RoundingMode}): no derivative can reach them,
 * since integers and text made from a value that carries a derivative are refused where they are made. A library
 * that builds a table from such objects (a lazily filled cache of quadrature rules in {@code BigDecimal}) then runs
 * as it is inside a gradient, as it does outside, instead of being refused for a reference that could carry
 * nothing.
 *
 * <p>Only the value classes of {@code java.math} and {@code java.time} and the JDK's enums are judged, from their
 * declared fields: other JDK classes reach state that their fields do not show ({@code ThreadLocal} through the
 * thread). A class that is abstract or an interface, or whose fields declare such a type ({@code Object},
 * {@code Number}), may hold anything.
 */
public final class NumberFreeTypes {

    private static final Map<String, Boolean> JUDGED = new ConcurrentHashMap<>();

    private NumberFreeTypes() {
    }

    /**
     * @param internalName a class's internal name
     * @return whether it is a JDK class whose objects hold no floating-point value
     */
    public static boolean holdsNoNumbers(String internalName) {
        if (!internalName.startsWith("java/")) {
            return false;
        }
        boolean values = internalName.startsWith("java/math/") || internalName.startsWith("java/time/");
        return JUDGED.computeIfAbsent(internalName, n -> {
            Class<?> c = bootstrapClass(n.replace('/', '.'));
            return c != null && (values || c.isEnum()) && numberFree(c, new HashSet<>());
        });
    }

    /**
     * @param c the class of an object at run time
     * @return whether it is a JDK class whose objects hold no floating-point value (a subclass of your own never is)
     */
    public static boolean holdsNoNumbers(Class<?> c) {
        return c.getClassLoader() == null && holdsNoNumbers(c.getName().replace('.', '/'));
    }

    private static Class<?> bootstrapClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Whether the objects of {@code c} hold no floating-point value; a class met again is judged by the rest. */
    private static boolean numberFree(Class<?> c, Set<Class<?>> judging) {
        if (c.isPrimitive()) {
            return c != double.class && c != float.class;
        }
        if (c.isArray()) {
            return numberFree(c.getComponentType(), judging);
        }
        if (c.getClassLoader() != null || c.isInterface() || Modifier.isAbstract(c.getModifiers()) && !c.isEnum()
                || c == Object.class) {
            return false;
        }
        if (!judging.add(c)) {
            return true;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !numberFree(f.getType(), judging)) {
                    return false;
                }
            }
        }
        return true;
    }
}
