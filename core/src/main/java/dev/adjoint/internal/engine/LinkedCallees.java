package dev.adjoint.internal.engine;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.ClassFiles;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.ir.Callees;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.Replacements;
import dev.adjoint.internal.rules.RuleTable;
import dev.adjoint.internal.rules.StreamFusion;

/**
 * The engine's answers to what {@link dev.adjoint.internal.ir.Inlining} may inline: calls that would be linked to a
 * companion, of classes outside the JDK and outside Adjoint itself, and between the engine's own substitutes (which
 * share a package). The JDK's classes are differentiated through their bytecode like any, but not inlined: their
 * code names classes of modules that other code may not name. Class files are read through the
 * generation's hierarchy, so that a cached companion records the classes whose code it holds and is not reused when
 * one of them changes.
 */
final class LinkedCallees implements Callees {

    private final ClassHierarchy hierarchy;
    private final CallPolicy policy;
    /** Whether the host is one of the engine's substitutes (a stream's source and sinks). */
    private final boolean substitute;
    private final Map<String, ClassNode> declarations = new HashMap<>();

    LinkedCallees(ClassHierarchy hierarchy, CallPolicy policy, String host) {
        this.hierarchy = hierarchy;
        this.policy = policy;
        this.substitute = isSubstitute(host);
    }

    @Override
    public ClassNode declaration(String internalName) {
        if (declarations.containsKey(internalName)) {
            return declarations.get(internalName);
        }
        byte[] bytes = hierarchy.bytes().find(internalName);
        ClassNode c = bytes == null ? null : ClassFiles.read(bytes);
        if (c != null && !Replacements.isReplacementClass(c.name)) {
            Replacements replacements = new Replacements(policy.rules());
            for (MethodNode m : c.methods) {
                StreamFusion.fuse(c.name, m);
                replacements.apply(m);
            }
        }
        declarations.put(internalName, c);
        return c;
    }

    /**
     * Whether a class is Adjoint's own API or engine: {@code AD.checkpoint} and the like are linked by the runtime
     * to what they mean for the derivative, which their bodies do not say.
     */
    private static boolean isAdjoint(String owner) {
        return owner.startsWith("dev/adjoint/internal/")
                || owner.startsWith("dev/adjoint/") && owner.indexOf('/', "dev/adjoint/".length()) < 0;
    }

    /**
     * Whether a class is one of the engine's substitutes, plain Java differentiated through its bytecode (a
     * stream's source and sinks), and not a class that declares derivative rules, which stand for its code.
     */
    private static boolean isSubstitute(String owner) {
        return owner.startsWith(SUBSTITUTES) && !RuleTable.current().declaresRules(owner);
    }

    private static final String SUBSTITUTES = "dev/adjoint/internal/rules/";

    /**
     * Calls of user code, and calls between the engine's substitutes: a stream's source summing on a sink it
     * allocated has the sink's {@code accept} inlined and its fields kept in locals, as user code would.
     */
    @Override
    public boolean followed(int opcode, String owner, String name, String desc) {
        boolean betweenSubstitutes = substitute && isSubstitute(owner);
        if (!betweenSubstitutes && (CallPolicy.isJdk(owner) || isAdjoint(owner)
                || owner.endsWith(Abi.COMPANION_SUFFIX) || Replacements.isReplacementClass(owner))) {
            return false;
        }
        CallPolicy.Kind kind = policy.classify(opcode, owner, name, desc);
        return kind == CallPolicy.Kind.LINKED || kind == CallPolicy.Kind.CONSTRUCTOR;
    }
}
