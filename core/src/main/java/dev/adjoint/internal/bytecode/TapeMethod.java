package dev.adjoint.internal.bytecode;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The methods of the runtime's {@code Tape} that generated code calls: their names and descriptors in one place,
 * checked against the class itself by {@code TapeAbiTest}.
 */
public enum TapeMethod {
    /** The shadow of an array: its elements' adjoints (or tangents). */
    ARRAY_SHADOW("arrayShadow", "(Ljava/lang/Object;)[D"),
    /** The shadow of an object: its floating-point fields' adjoints (or tangents). */
    FIELD_SHADOW("fieldShadow", "(Ljava/lang/Object;)[D"),
    /** The shadow of a static field, by its slot. */
    STATIC_SHADOW("staticShadow", "(I)[D"),
    /** Grows the stack of doubles to take {@code n} more from {@code top}. */
    GROW_D("growD", "(II)[D"),
    /** Grows the stack of ints likewise. */
    GROW_I("growI", "(II)[I"),
    /** Grows the stack of references likewise. */
    GROW_O("growO", "(II)[Ljava/lang/Object;"),
    /** Records a copy of an array taken on entry, whose adjoints go back to the original. */
    NOTE_COPY("noteCopy", "(Ljava/lang/Object;)V"),
    /** Gives a copy's adjoints back to the original array. */
    DROP_COPY("dropCopy", "(Ljava/lang/Object;Ljava/lang/Object;)V"),
    /** Takes the spill array of a crowded method on its entry. */
    TAKE_SPILL("takeSpill", "(I)[D"),
    /** Gives that array back before the method returns. */
    GIVE_SPILL("giveSpill", "([D)V");

    /** The method's name in {@code Tape}. */
    public final String name;
    /** The method's descriptor. */
    public final String descriptor;

    TapeMethod(String name, String descriptor) {
        this.name = name;
        this.descriptor = descriptor;
    }

    /** @return {@code invokevirtual Tape.name}: expects the tape and the arguments on the stack */
    public MethodInsnNode call() {
        return new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Abi.TAPE, name, descriptor, false);
    }
}
