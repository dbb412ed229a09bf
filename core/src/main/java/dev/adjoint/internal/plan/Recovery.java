package dev.adjoint.internal.plan;

import org.objectweb.asm.Type;

/** How the pullback gets a reference or an index that an instruction used. */
public final class Recovery {
    /**
     * CONSTANT: re-emitted; FRAME: a local the pullback mirrors ({@link #value} is its frame entry); REBUILD:
     * integer arithmetic on mirrored locals, recomputed in the pullback ({@link #value} is the instruction
     * that produced it); PUSH: taped at each use.
     */
    public enum Kind { CONSTANT, FRAME, REBUILD, PUSH }

    public final Kind kind;
    public final int value; // the constant, or the frame entry
    public final Type type; // the value's type (int or a reference)

    public Recovery(Kind kind, int value, Type type) {
        this.kind = kind;
        this.value = value;
        this.type = type;
    }

    public boolean isReference() {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    @Override
    public String toString() {
        return kind == Kind.CONSTANT ? String.valueOf(value) : kind == Kind.FRAME ? "frame" + value
                : kind == Kind.REBUILD ? "rebuilt" : "taped";
    }
}
