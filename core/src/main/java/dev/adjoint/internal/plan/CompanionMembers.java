package dev.adjoint.internal.plan;

import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;

/** The methods of the same companion, which calls reach directly instead of through the linker. */
public final class CompanionMembers {
    public final String host;
    public final String companion;
    public final Map<String, String[]> names;
    /** The members (name + descriptor) that a subclass may override: a virtual call of one dispatches. */
    private final Set<String> overridable;

    /**
     * @param host        the host class
     * @param companion   the companion class
     * @param names       per host method (name + descriptor): the names of its augmented primal and pullback
     * @param overridable the host methods among them that a subclass may override
     */
    public CompanionMembers(String host, String companion, Map<String, String[]> names, Set<String> overridable) {
        this.host = host;
        this.companion = companion;
        this.names = names;
        this.overridable = overridable;
    }

    /**
     * @return the augmented primal and pullback names of a directly called method, or null; a virtual call of a
     *         method that a subclass may override is linked, since its receiver may be of that subclass (a
     *         pipeline's stage asking the next stage, of another class, the same question)
     */
    public String[] direct(int opcode, String owner, String name, String desc) {
        if (!owner.equals(host)) {
            return null;
        }
        boolean dispatches = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
        return dispatches && overridable.contains(name + desc) ? null : names.get(name + desc);
    }
}
