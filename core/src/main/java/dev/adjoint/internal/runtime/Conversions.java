package dev.adjoint.internal.runtime;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The conversions a lambda's class applies between its functional method's erased types and its body's: casts,
 * boxing, unboxing and primitive widening, as {@link java.lang.invoke.LambdaMetafactory} does.
 */
final class Conversions implements Opcodes {

    private Conversions() {
    }

    /** Casts a reference to the type the site instantiated the functional interface with. */
    static void cast(MethodVisitor m, Class<?> from, Class<?> via) {
        if (!from.isPrimitive() && !via.isPrimitive() && !via.isAssignableFrom(from)) {
            m.visitTypeInsn(CHECKCAST, Type.getInternalName(via));
        }
    }

    /** Converts the value on the stack from one type to another. */
    static void convert(MethodVisitor m, Class<?> from, Class<?> to) {
        if (from == to) {
            return;
        }
        if (from.isPrimitive() && to.isPrimitive()) {
            widen(m, from, to);
        } else if (from.isPrimitive()) {
            Class<?> box = box(from);
            m.visitMethodInsn(INVOKESTATIC, Type.getInternalName(box), "valueOf",
                    Type.getMethodDescriptor(Type.getType(box), Type.getType(from)), false);
            if (!to.isAssignableFrom(box)) {
                m.visitTypeInsn(CHECKCAST, Type.getInternalName(to));
            }
        } else if (to.isPrimitive()) {
            Class<?> unboxed = unbox(from);
            if (unboxed == null) {
                Class<?> box = to == boolean.class || to == char.class ? box(to) : Number.class;
                m.visitTypeInsn(CHECKCAST, Type.getInternalName(box));
                unboxed = to;
                from = box;
            }
            m.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(from), unboxed.getName() + "Value",
                    "()" + Type.getDescriptor(unboxed), false);
            widen(m, unboxed, to);
        } else if (!to.isAssignableFrom(from)) {
            m.visitTypeInsn(CHECKCAST, Type.getInternalName(to));
        }
    }

    /** Converts the body's result to the functional method's return type (dropping it for {@code void}). */
    static void convertReturn(MethodVisitor m, Class<?> result, Class<?> instantiated, Class<?> to) {
        if (to == void.class) {
            if (result != void.class) {
                m.visitInsn(result == long.class || result == double.class ? POP2 : POP);
            }
            return;
        }
        convert(m, result, to);
    }

    private static void widen(MethodVisitor m, Class<?> from, Class<?> to) {
        if (from == to) {
            return;
        }
        Type f = Type.getType(from);
        Type t = Type.getType(to);
        int fs = f.getSort() <= Type.INT ? Type.INT : f.getSort();
        int op;
        switch (fs * 16 + t.getSort()) {
            case Type.INT * 16 + Type.LONG: op = I2L; break;
            case Type.INT * 16 + Type.FLOAT: op = I2F; break;
            case Type.INT * 16 + Type.DOUBLE: op = I2D; break;
            case Type.LONG * 16 + Type.FLOAT: op = L2F; break;
            case Type.LONG * 16 + Type.DOUBLE: op = L2D; break;
            case Type.FLOAT * 16 + Type.DOUBLE: op = F2D; break;
            default:
                if (t.getSort() <= Type.INT && fs == Type.INT) {
                    return; // byte, short and char widen to int for free
                }
                throw new IllegalArgumentException("no widening from " + from + " to " + to);
        }
        m.visitInsn(op);
    }

    private static Class<?> box(Class<?> p) {
        if (p == int.class) {
            return Integer.class;
        }
        if (p == long.class) {
            return Long.class;
        }
        if (p == double.class) {
            return Double.class;
        }
        if (p == float.class) {
            return Float.class;
        }
        if (p == boolean.class) {
            return Boolean.class;
        }
        if (p == char.class) {
            return Character.class;
        }
        if (p == short.class) {
            return Short.class;
        }
        return Byte.class;
    }

    private static Class<?> unbox(Class<?> c) {
        if (c == Integer.class) {
            return int.class;
        }
        if (c == Long.class) {
            return long.class;
        }
        if (c == Double.class) {
            return double.class;
        }
        if (c == Float.class) {
            return float.class;
        }
        if (c == Boolean.class) {
            return boolean.class;
        }
        if (c == Character.class) {
            return char.class;
        }
        if (c == Short.class) {
            return short.class;
        }
        if (c == Byte.class) {
            return byte.class;
        }
        return null;
    }
}
