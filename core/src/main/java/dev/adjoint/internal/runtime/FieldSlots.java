package dev.adjoint.internal.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers the {@code double} and {@code float} fields, so that a shadow can hold their adjoints in a plain array.
 *
 * <p>Instance fields are numbered like a vtable: a class's fields follow those of its superclass, so a field has the
 * same slot in every subclass and a field access site needs one constant. Static fields get global numbers.
 */
public final class FieldSlots {

    private static final ClassValue<Integer> COUNT = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            Class<?> sup = type.getSuperclass();
            return (sup == null ? 0 : count(sup)) + declared(type).size();
        }
    };

    private static final Map<String, Integer> STATICS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_STATIC = new AtomicInteger();

    private FieldSlots() {
    }

    /**
     * @param type a class
     * @return how many floating-point instance fields an object of that class has
     */
    public static int count(Class<?> type) {
        return COUNT.get(type);
    }

    /**
     * The slot of an instance field.
     *
     * @param owner the class named by the field access (the field may be declared in a superclass)
     * @param name  the field's name
     * @return its slot in the shadow of any object that has it
     */
    public static int instanceSlot(Class<?> owner, String name) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            List<Field> fields = declared(c);
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).getName().equals(name)) {
                    Class<?> sup = c.getSuperclass();
                    return (sup == null ? 0 : count(sup)) + i;
                }
            }
        }
        throw new NoSuchFieldError(owner.getName() + "." + name);
    }

    /**
     * The global slot of a static field.
     *
     * @param owner the class that declares it (or a subclass)
     * @param name  the field's name
     * @return its slot in the per-gradient statics shadow
     */
    public static int staticSlot(Class<?> owner, String name) {
        Class<?> declaring = owner;
        search:
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers())) {
                    declaring = c;
                    break search;
                }
            }
        }
        String key = declaring.getName() + '@' + System.identityHashCode(declaring.getClassLoader()) + '.' + name;
        return STATICS.computeIfAbsent(key, k -> NEXT_STATIC.getAndIncrement());
    }

    private static List<Field> declared(Class<?> type) {
        List<Field> out = new ArrayList<>();
        if (type.isArray() || type.isPrimitive()) {
            return out;
        }
        for (Field f : type.getDeclaredFields()) {
            Class<?> t = f.getType();
            if (!Modifier.isStatic(f.getModifiers()) && (t == double.class || t == float.class)) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing(Field::getName));
        return out;
    }
}
