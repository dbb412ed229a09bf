package dev.adjoint.internal.bytecode;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The names and descriptors shared by generated code and the runtime: the contract between the emitters and
 * {@code dev.adjoint.internal.runtime}.
 */
public final class Abi {

    /** The suffix of companion class names: {@code Host$$Adjoint}. */
    public static final String COMPANION_SUFFIX = "$$Adjoint";

    /**
     * Separates the parts of a lowered call's encoded name ({@code name MARK kind MARK opcode MARK desc}): a call
     * whose replacement the engine chose is named this way so that the rules see the original call.
     */
    public static final char LOWERING_MARK = '\u0001';

    public static final String TAPE = "dev/adjoint/internal/runtime/Tape";
    public static final String TAPE_DESC = "L" + TAPE + ";";
    public static final String LINKER = "dev/adjoint/internal/runtime/Linker";
    public static final String REFUSALS = "dev/adjoint/internal/runtime/Refusals";
    /**
     * The substitutes for the tape's own methods, used when generated code is differentiated again (Hessians): a
     * rule class that lives beside the tape, and the one class of the runtime whose calls carry derivatives.
     */
    public static final String TAPE_RULES = "dev/adjoint/internal/runtime/TapeRules";

    /** The descriptor of every pullback: {@code (Tape tape, double dOut) -> void}. */
    public static final String REV_DESC = "(" + TAPE_DESC + "D)V";

    /** Bootstrap of call sites: {@code Linker.call}. */
    public static final Handle CALL_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, LINKER, "call",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "ILjava/lang/String;Ljava/lang/String;Ljava/lang/String;IILjava/lang/String;)"
                    + "Ljava/lang/invoke/CallSite;", false);

    /** Bootstrap of field slot constants: {@code Linker.fieldSlot}. */
    public static final Handle SLOT_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, LINKER, "fieldSlot",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/String;Ljava/lang/String;I)Ljava/lang/invoke/CallSite;", false);

    /** Bootstrap of stores to final fields from constructor companions: {@code Linker.setter}. */
    public static final Handle SETTER_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, LINKER, "setter",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/String;Ljava/lang/String;)Ljava/lang/invoke/CallSite;", false);

    /** Bootstrap of lambdas created in differentiated code: {@code LambdaProxies.metafactory}. */
    public static final Handle LAMBDA_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC,
            "dev/adjoint/internal/runtime/LambdaProxies", "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;", false);

    /** Bootstrap of uses of members that only the host may use: {@code HostMembers.link}. */
    public static final Handle HOST_MEMBER_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC,
            "dev/adjoint/internal/runtime/HostMembers", "link",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "ILjava/lang/String;Ljava/lang/String;)Ljava/lang/invoke/CallSite;", false);

    private Abi() {
    }

    /**
     * The slot of a field's adjoint in its shadow, as an {@code invokedynamic} that links to a constant: resolved
     * once, folded by the JIT. (A dynamic constant would do, but JDK 17's compilers refuse to compile a method
     * with an unresolved one, so such methods would stay interpreted.)
     */
    public static org.objectweb.asm.tree.InvokeDynamicInsnNode slotConstant(String owner, String name,
                                                                            boolean isStatic) {
        return new org.objectweb.asm.tree.InvokeDynamicInsnNode("slot", "()I", SLOT_BOOTSTRAP, owner, name,
                isStatic ? 1 : 0);
    }

    /** @return the descriptor of the augmented primal of a method: receiver first, the tape last */
    public static String fwdDescriptor(String owner, int access, String descriptor) {
        Type[] args = Type.getArgumentTypes(descriptor);
        StringBuilder sb = new StringBuilder("(");
        if ((access & Opcodes.ACC_STATIC) == 0) {
            sb.append(Type.getObjectType(owner).getDescriptor());
        }
        for (Type a : args) {
            sb.append(a.getDescriptor());
        }
        sb.append(TAPE_DESC).append(')').append(Type.getReturnType(descriptor).getDescriptor());
        return sb.toString();
    }
}
