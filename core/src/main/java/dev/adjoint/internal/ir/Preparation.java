package dev.adjoint.internal.ir;

import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.Lambdas;

/**
 * What happens to a method before it is analysed and differentiated, in this order: its local slots split by kind
 * ({@link LocalSplitter}), the reads of fields that its loops do not change moved out of them ({@link FieldHoisting}),
 * and its lambda call sites redirected to the engine's proxies ({@link Lambdas#redirect}). Each step keeps the
 * method's meaning and makes its derivative cheaper or possible; each is idempotent, since a method may be prepared
 * for several companions.
 */
public final class Preparation {

    private Preparation() {
    }

    /** Prepares {@code m}, a method of {@code host}, in place. */
    public static void prepare(ClassNode host, MethodNode m) {
        LocalSplitter.split(m);
        FieldHoisting.hoist(host, m);
        Lambdas.redirect(host.name, m);
    }
}
