package dev.adjoint.internal.ir;

import java.util.Collections;
import java.util.Set;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.Value;

/**
 * A value of the operand stack or of a local variable at one point of a method: its type and the instructions that
 * may have produced it. Copies made by {@code dup} and {@code swap} keep the producers of the original, so a
 * producer that appears in two operands is a value used twice.
 */
public final class FlowValue implements Value {

    /** The type of {@code aconst_null}. */
    public static final Type NULL = Type.getObjectType("null");
    /** The type of a value that differs between paths, or of an unset local. */
    public static final FlowValue UNSET = new FlowValue(null, Collections.emptySet());

    private final Type type;
    private final Set<AbstractInsnNode> sources;
    /** The hash, computed on first use (the sources are read-only, so it never changes); 0 until then. */
    private int hash;

    FlowValue(Type type, Set<AbstractInsnNode> sources) {
        this.type = type;
        this.sources = Collections.unmodifiableSet(sources);
    }

    /** @return the type ({@code int} for every int-like type), or {@code null} for an unset or conflicting value */
    public Type type() {
        return type;
    }

    /** @return the instructions (and {@link ParameterMarker}s) that may have produced this value */
    public Set<AbstractInsnNode> sources() {
        return sources;
    }

    @Override
    public int getSize() {
        return type != null && (type.getSort() == Type.LONG || type.getSort() == Type.DOUBLE) ? 2 : 1;
    }

    /** @return whether this is a {@code double} or {@code float} */
    public boolean isFloating() {
        return type != null && (type.getSort() == Type.DOUBLE || type.getSort() == Type.FLOAT);
    }

    /** @return whether this is a reference (object, array or null) */
    public boolean isReference() {
        return type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowValue)) {
            return false;
        }
        FlowValue v = (FlowValue) o;
        return sources.size() == v.sources.size() && hashCode() == v.hashCode()
                && java.util.Objects.equals(type, v.type) && sources.equals(v.sources);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = java.util.Objects.hashCode(type) * 31 + sources.hashCode();
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        return type == null ? "." : type.getDescriptor();
    }
}
