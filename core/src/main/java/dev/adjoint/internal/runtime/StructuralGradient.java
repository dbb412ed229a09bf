package dev.adjoint.internal.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Zygote's structural gradient from the shadows left by a pullback: an object shaped like the model whose
 * floating-point fields hold the adjoints of the model's fields, whose floating-point arrays hold the adjoint
 * arrays, and whose references to nested objects, arrays of objects, lists and maps hold their own gradients.
 * Fields that cannot carry a derivative (integers, booleans, strings, enums, JDK objects) keep the model's values,
 * so the gradient is a well-formed instance of the model's class. Shared references and cycles in the model stay
 * shared in the gradient.
 */
public final class StructuralGradient {

    private final Tape tape;
    private final Map<Object, Object> done = new IdentityHashMap<>();

    private StructuralGradient(Tape tape) {
        this.tape = tape;
    }

    /**
     * @param model the model the loss was differentiated at
     * @param tape  the tape after the pullback
     * @return the gradient, shaped like the model
     */
    public static Object of(Object model, Tape tape) {
        return new StructuralGradient(tape).gradient(model);
    }

    private Object gradient(Object value) {
        if (value == null) {
            return null;
        }
        Object existing = done.get(value);
        if (existing != null) {
            return existing;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return array(value, type);
        }
        if (value instanceof Double) {
            return adjointOf(value, 0);
        }
        if (value instanceof Float) {
            return (float) adjointOf(value, 0);
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            done.put(value, out);
            for (Object e : (List<?>) value) {
                out.add(gradient(e));
            }
            return out;
        }
        if (value instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            done.put(value, out);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put(e.getKey(), gradient(e.getValue()));
            }
            return out;
        }
        if (value instanceof Collection || isInert(type)) {
            return value;
        }
        return type.isRecord() ? record(value, type) : object(value, type);
    }

    private double adjointOf(Object object, int slot) {
        double[] s = tape.existingShadow(object);
        return s == null ? 0.0 : s[slot];
    }

    private Object array(Object value, Class<?> type) {
        Class<?> component = type.getComponentType();
        int n = Array.getLength(value);
        if (component == double.class || component == float.class) {
            double[] s = tape.existingShadow(value);
            if (component == double.class) {
                double[] out = s == null ? new double[n] : s.clone();
                done.put(value, out);
                return out;
            }
            float[] out = new float[n];
            for (int i = 0; s != null && i < n; i++) {
                out[i] = (float) s[i];
            }
            done.put(value, out);
            return out;
        }
        if (component.isPrimitive()) {
            return value;
        }
        Object out = Array.newInstance(component, n);
        done.put(value, out);
        for (int i = 0; i < n; i++) {
            Array.set(out, i, gradient(Array.get(value, i)));
        }
        return out;
    }

    private Object object(Object value, Class<?> type) {
        Object out = Allocation.allocate(type);
        done.put(value, out);
        double[] shadow = tape.existingShadow(value);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(out, fieldGradient(value, shadow, c, f));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot build the gradient of " + type.getName() + ": field "
                            + f.getName() + " (" + e + ")", e);
                }
            }
        }
        return out;
    }

    private Object record(Object value, Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        double[] shadow = tape.existingShadow(value);
        try {
            for (int i = 0; i < components.length; i++) {
                Field f = type.getDeclaredField(components[i].getName());
                f.setAccessible(true);
                args[i] = fieldGradient(value, shadow, type, f);
                types[i] = components[i].getType();
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            Object out = canonical.newInstance(args);
            done.put(value, out);
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the gradient of record " + type.getName() + ": " + e, e);
        }
    }

    private Object fieldGradient(Object owner, double[] shadow, Class<?> declaring, Field f)
            throws IllegalAccessException {
        Class<?> t = f.getType();
        if (t == double.class || t == float.class) {
            double adj = shadow == null ? 0.0 : shadow[FieldSlots.instanceSlot(declaring, f.getName())];
            return t == double.class ? (Object) adj : (Object) (float) adj;
        }
        Object v = f.get(owner);
        return t.isPrimitive() ? v : gradient(v);
    }

    private static boolean isInert(Class<?> type) {
        return type.isEnum() || type.getClassLoader() == null || type.isHidden() || Number.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class;
    }
}
