package dev.adjoint.internal.ir;

import org.objectweb.asm.tree.ClassNode;

/**
 * What {@link Inlining} and {@link ScalarReplacement} may know of the classes a method calls: their declarations,
 * and whether a call is one the engine would link to the callee's derivative code (and so may be inlined instead),
 * rather than a call with a derivative rule, a substitute, or one that runs as it is. The engine answers both; this
 * package does not know the rules.
 */
public interface Callees {

    /**
     * @param internalName a class
     * @return its declaration, with the engine's substitutes applied to its methods, or {@code null} when there is
     *         no class file for it; the same node for the same name (callers copy what they change)
     */
    ClassNode declaration(String internalName);

    /**
     * @param opcode the call's opcode
     * @param owner  the class the call names
     * @param name   the method's name ({@code <init>} for a constructor)
     * @param desc   the method's descriptor
     * @return whether the engine would differentiate the callee through its bytecode, so that its body may replace
     *         the call
     */
    boolean followed(int opcode, String owner, String name, String desc);
}
