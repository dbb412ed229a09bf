package dev.adjoint.internal.bytecode;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;

/**
 * The fields of the runtime's {@code Tape} that generated code reads and writes: their names and descriptors in
 * one place, checked against the class itself by {@code TapeAbiTest}.
 */
public enum TapeField {
    /** The stack of doubles (partials, values the pullback needs). */
    D("d", "[D"),
    /** The top of {@link #D}. */
    D_TOP("dTop", "I"),
    /** The stack of ints (indices, trip counts, which way control came). */
    INTS("ints", "[I"),
    /** The top of {@link #INTS}. */
    I_TOP("iTop", "I"),
    /** The stack of references (receivers, arrays). */
    REFS("refs", "[Ljava/lang/Object;"),
    /** The top of {@link #REFS}. */
    O_TOP("oTop", "I"),
    /** The adjoints of a call's floating-point arguments, returned by a pullback to its caller. */
    ARG_ADJ("argAdj", "[D"),
    /** The tangents of a call's floating-point arguments, passed by a tangent method's caller. */
    ARG_TAN("argTan", "[D"),
    /** The tangent of a tangent method's result. */
    RET_TAN("retTan", "D"),
    /** Set by an augmented primal that left by an exception. */
    UNWOUND("unwound", "Z"),
    /** Set while a pullback reverses a call that left by an exception. */
    UNWINDING("unwinding", "Z"),
    /** The array whose elements a frozen copy stands for. */
    FROZEN("frozen", "Ljava/lang/Object;");

    /** The field's name in {@code Tape}. */
    public final String name;
    /** The field's descriptor. */
    public final String descriptor;

    TapeField(String name, String descriptor) {
        this.name = name;
        this.descriptor = descriptor;
    }

    /** @return {@code getfield Tape.name}: expects the tape on the stack */
    public FieldInsnNode get() {
        return new FieldInsnNode(Opcodes.GETFIELD, Abi.TAPE, name, descriptor);
    }

    /** @return {@code putfield Tape.name}: expects the tape and the value on the stack */
    public FieldInsnNode put() {
        return new FieldInsnNode(Opcodes.PUTFIELD, Abi.TAPE, name, descriptor);
    }
}
