package dev.adjoint.internal.ir;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnNode;

/**
 * Stands, as the producer of a value, for the value a parameter holds on entry. It is never part of an instruction
 * list.
 */
public final class ParameterMarker extends InsnNode {

    private final int local;

    ParameterMarker(int local) {
        super(Opcodes.NOP);
        this.local = local;
    }

    /** @return the local variable slot of the parameter */
    public int local() {
        return local;
    }

    @Override
    public String toString() {
        return "param@" + local;
    }
}
