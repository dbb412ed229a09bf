package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.Lambdas;

/**
 * What happens to a method before it is analysed and differentiated, in this order: the lambdas it makes and calls
 * itself called through their bodies ({@link LocalLambdas}), small callees inlined ({@link Inlining}) and the objects that then never leave the method kept in locals ({@link ScalarReplacement}),
 * its local slots split by kind ({@link LocalSplitter}), the increments of post-increments used as indices moved
 * after the arithmetic that uses them ({@link IncrementSinking}), the reads of fields that its loops do not change
 * moved out of them ({@link FieldHoisting}), the rows of two-dimensional arrays they read per element read once per
 * iteration ({@link RowHoisting}), and its lambda call sites redirected to the engine's proxies
 * ({@link Lambdas#redirect}). Each step keeps the method's meaning and makes its derivative cheaper or possible. The
 * steps after inlining are idempotent; inlining is not (inlined code may hold calls to inline in turn), so the engine
 * prepares each method from a copy of its code as it was read ({@link #copy}, {@link #restore}), however many times
 * it generates the method's companion.
 */
public final class Preparation {

    /** Attempts at inlining, each leaving out the callees whose code could not stay in the one before. */
    private static final int ATTEMPTS = 4;

    private Preparation() {
    }

    /** Prepares {@code m}, a method of {@code host}, in place, without inlining. */
    public static void prepare(ClassNode host, MethodNode m) {
        prepare(host, m, null, Set.of());
    }

    /** What inlining did to a method: a line per decision for the listing, and where inlined code came from. */
    public static final class Prepared {
        private static final Prepared NOTHING = new Prepared(List.of(), Map.of());

        /** One line per callee inlined and per class whose objects were kept in locals. */
        public final List<String> notes;
        private final Map<AbstractInsnNode, String> origin;

        private Prepared(List<String> notes, Map<AbstractInsnNode, String> origin) {
            this.notes = notes;
            this.origin = origin;
        }

        /** @return every callee inlined */
        public Set<String> inlined() {
            return new LinkedHashSet<>(origin.values());
        }
    }

    /**
     * Prepares {@code m}, a method of {@code host}, in place.
     *
     * @param callees what may be inlined, or {@code null} for nothing
     * @param refused callees not to inline
     * @return what inlining and scalar replacement did
     */
    public static Prepared prepare(ClassNode host, MethodNode m, Callees callees, Set<String> refused) {
        Prepared done = callees == null ? Prepared.NOTHING : inline(host.name, m, callees, refused);
        LocalSplitter.split(m);
        IncrementSinking.sink(m);
        FieldHoisting.hoist(host, m);
        RowHoisting.hoist(m);
        Lambdas.redirect(host.name, m);
        return done;
    }

    private static Prepared inline(String host, MethodNode m, Callees callees, Set<String> leftOut) {
        Set<String> refused = new HashSet<>(leftOut);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            MethodNode work = copy(m);
            LocalLambdas.direct(host, work);
            Inlining inlining = Inlining.run(host, work, callees, refused);
            if (inlining.inlined.isEmpty()) {
                return Prepared.NOTHING;
            }
            ScalarReplacement replacement = ScalarReplacement.run(host, work, callees, inlining.constructed.keySet());
            InlinedAccess.readRecordsThroughAccessors(host, work, inlining, callees);
            Set<String> wrong = InlinedAccess.refused(host, work, inlining, callees);
            if (wrong.isEmpty()) {
                adopt(m, work);
                return new Prepared(report(inlining, replacement), inlining.origin);
            }
            refused.addAll(wrong);
        }
        return Prepared.NOTHING;
    }

    private static List<String> report(Inlining inlining, ScalarReplacement replacement) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : inlining.inlined.entrySet()) {
            String guard = inlining.guarded.get(e.getKey());
            out.add("inlined " + e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + " times)" : "")
                    + (guard == null ? "" : ", guarded: receiver of class " + guard + ", else the call"));
        }
        for (Map.Entry<String, Integer> e : replacement.replaced.entrySet()) {
            out.add("kept in locals: " + e.getValue() + " allocation" + (e.getValue() > 1 ? "s" : "") + " of "
                    + e.getKey());
        }
        return out;
    }

    /** @return a copy of a method that shares nothing with it */
    public static MethodNode copy(MethodNode m) {
        MethodNode c = new MethodNode(m.access, m.name, m.desc, m.signature,
                m.exceptions == null ? null : m.exceptions.toArray(new String[0]));
        m.instructions.resetLabels(); // else the copy would share the original's label nodes
        m.accept(c);
        return c;
    }

    /** Gives {@code m} the code of {@code original} again, as it was before it was prepared. */
    public static void restore(MethodNode m, MethodNode original) {
        adopt(m, copy(original));
    }

    private static void adopt(MethodNode m, MethodNode work) {
        m.instructions = work.instructions;
        m.tryCatchBlocks = work.tryCatchBlocks;
        m.localVariables = work.localVariables;
        m.maxLocals = work.maxLocals;
        m.maxStack = work.maxStack;
    }
}
