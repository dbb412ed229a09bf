package dev.adjoint.internal.outline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.ir.Preparation;
import dev.adjoint.internal.reverse.ReverseTransform;

/**
 * Cuts generated methods too large for HotSpot's JIT into pieces it compiles: a post-pass over a companion's
 * methods before they are written. Derivative code of unrolled arithmetic (EJML's {@code inv5}, {@code det6}) is
 * several times the size of its primal; past 8,000 bytes HotSpot never compiles a method
 * ({@code -XX:+DontCompileHugeMethods}), and past 64 KiB the JVM refuses it.
 *
 * <p>Each round outlines stretches of at most {@value #PIECE} bytes (see {@link Region}) into private static methods
 * ({@link Piece}); a method made of many calls is cut again in the next round. Methods within the limit are left
 * exactly as they are.
 */
public final class MethodOutliner {

    /** HotSpot compiles no method whose code is longer than this ({@code HugeMethodLimit}). */
    public static final int JIT_LIMIT = 8000;

    /** The most code a piece gets, leaving room for what it adds (giving back its results). */
    static final int PIECE = 7000;

    /** A shorter stretch is not worth a call. */
    static final int LEAST = 400;

    /**
     * An unwinding variant of a pullback is cut only past this: it runs when an exception left the method, once per
     * such exception, where being interpreted costs nothing worth the search for cuts (two of Dormand–Prince's
     * 81 companions took a fifth of its first gradient to cut). Below it every jump's offset fits the short form,
     * so the class writes as it is.
     */
    static final int UNWINDING_LIMIT = Short.MAX_VALUE;

    private static final int MAX_ROUNDS = 4;

    private MethodOutliner() {
    }

    /**
     * Outlines every method of a class over {@link #JIT_LIMIT} bytes (an unwinding variant over
     * {@link #UNWINDING_LIMIT}) until it is within it, or as far as its shape
     * allows (a method that cannot be cut stays whole, and the class writer reports it if it is over 64 KiB).
     *
     * @param c         the class, not changed
     * @param hierarchy class facts for the types of locals
     * @return the class itself when no method is over the limit, else an outlined copy (so that the caller can
     *         still write the class uncut should the copy not write)
     */
    public static ClassNode outlined(ClassNode c, ClassHierarchy hierarchy) {
        if (c.methods.stream().noneMatch(MethodOutliner::tooLarge)) {
            return c;
        }
        ClassNode copy = new ClassNode();
        c.accept(copy);
        // pieces are checked too: one cut where nothing smaller could be may itself be cut further
        for (int i = 0; i < copy.methods.size(); i++) {
            MethodNode m = copy.methods.get(i);
            if (tooLarge(m)) {
                outline(copy, m, hierarchy);
            }
        }
        return copy;
    }

    /** @return whether a method is to be cut: over the JIT's limit, or an unwinding variant over its own */
    private static boolean tooLarge(MethodNode m) {
        int limit = m.name.endsWith(ReverseTransform.UNWINDING) ? UNWINDING_LIMIT : JIT_LIMIT;
        return CodeSize.of(m.instructions) > limit;
    }

    /**
     * Cuts a method, spilling every {@code double} local of a crowded method first; if that leaves it over the JIT's
     * limit, cuts it again from the start spilling only the locals live where it is crowded, and keeps whichever
     * caller is smaller (with its pieces).
     */
    private static void outline(ClassNode c, MethodNode m, ClassHierarchy hierarchy) {
        int pieces = c.methods.size();
        MethodNode before = Preparation.copy(m);
        boolean spilled = cut(c, m, hierarchy, true);
        int wide = CodeSize.of(m.instructions);
        if (!spilled || wide <= JIT_LIMIT) {
            return;
        }
        List<MethodNode> widePieces = new ArrayList<>(c.methods.subList(pieces, c.methods.size()));
        MethodNode wideCaller = Preparation.copy(m);
        c.methods.subList(pieces, c.methods.size()).clear();
        Preparation.restore(m, before);
        cut(c, m, hierarchy, false);
        if (CodeSize.of(m.instructions) > wide) {
            c.methods.subList(pieces, c.methods.size()).clear();
            Preparation.restore(m, wideCaller);
            c.methods.addAll(widePieces);
        }
    }

    /** @return whether the method was crowded and locals were spilled */
    private static boolean cut(ClassNode c, MethodNode m, ClassHierarchy hierarchy, boolean spillEverywhere) {
        HierarchyVerifier types = new HierarchyVerifier(c.name, hierarchy);
        // the flow of the method as it is, reused by the first round unless spilling changed the method
        Flow unchanged;
        boolean spilled = false;
        try {
            unchanged = new Flow(c.name, m, types);
            BitSet crowded = Spill.crowded(unchanged, spillEverywhere);
            spilled = !crowded.isEmpty();
            if (!crowded.isEmpty()) {
                Spill.apply(unchanged, crowded);
                unchanged = null;
            }
        } catch (AnalyzerException e) {
            return spilled;
        }
        for (int round = 0; round < MAX_ROUNDS && CodeSize.of(m.instructions) > JIT_LIMIT; round++) {
            try {
                Flow flow = round == 0 && unchanged != null ? unchanged : new Flow(c.name, m, types);
                if (!outlineOnce(c, m, flow)) {
                    return spilled;
                }
            } catch (AnalyzerException e) {
                // code the analysis cannot type is left whole: the writer's own frame computation decides
                return spilled;
            }
        }
        return spilled;
    }

    /** @return whether anything was outlined */
    private static boolean outlineOnce(ClassNode c, MethodNode m, Flow flow) throws AnalyzerException {
        List<Region.Stretch> stretches = new Region(flow).choose(PIECE, LEAST);
        List<Piece> pieces = new ArrayList<>();
        List<Region.Stretch> chosen = new ArrayList<>();
        int longs = 0;
        int refs = 0;
        for (Region.Stretch s : stretches) {
            Piece p = new Piece(flow, s);
            if (p.isCallable()) {
                pieces.add(p);
                chosen.add(s);
                longs = Math.max(longs, p.primitivesCarried());
                refs = Math.max(refs, p.referencesCarried());
            }
        }
        if (pieces.isEmpty()) {
            return false;
        }
        int longsSlot = Flow.maxLocals(m);
        int refsSlot = longsSlot + 1;
        for (int i = 0; i < pieces.size(); i++) {
            replace(c, m, flow, chosen.get(i), pieces.get(i), longsSlot, refsSlot);
        }
        allocateCarriers(m, longs, refs, longsSlot, refsSlot);
        return true;
    }

    private static void replace(ClassNode c, MethodNode m, Flow flow, Region.Stretch s, Piece p, int longs,
                                int refs) {
        String name = freshName(c, m.name);
        c.methods.add(p.method(name));
        LabelNode callStart = new LabelNode();
        LabelNode callEnd = new LabelNode();
        InsnList call = p.call(c.name, name, longs, refs, callStart, callEnd);
        m.instructions.insertBefore(flow.insns[s.start()], call);
        Set<LabelNode> moved = new HashSet<>();
        for (int k = s.start(); k <= s.last(); k++) {
            AbstractInsnNode insn = flow.insns[k];
            if (insn instanceof LabelNode) {
                moved.add((LabelNode) insn);
            }
            m.instructions.remove(insn);
        }
        forgetMoved(m, moved);
        if (!p.saved.isEmpty()) {
            // the new entries come first, in the order of the ones they stand for: the JVM takes the first match
            // each stub rethrows where only the handler it stands for covers it (its type matched already)
            List<TryCatchBlockNode> stubs = new ArrayList<>();
            for (TryCatchBlockNode original : p.handlers) {
                LabelNode stub = new LabelNode();
                LabelNode rethrowStart = new LabelNode();
                LabelNode rethrowEnd = new LabelNode();
                m.instructions.add(p.restore(stub, rethrowStart, rethrowEnd, longs, refs));
                stubs.add(new TryCatchBlockNode(callStart, callEnd, stub, original.type));
                m.tryCatchBlocks.add(new TryCatchBlockNode(rethrowStart, rethrowEnd, original.handler, original.type));
            }
            m.tryCatchBlocks.addAll(0, stubs);
        }
    }

    /** Line numbers and local variable ranges of the caller may name labels that moved into the piece. */
    private static void forgetMoved(MethodNode m, Set<LabelNode> moved) {
        if (moved.isEmpty()) {
            return;
        }
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn instanceof LineNumberNode && moved.contains(((LineNumberNode) insn).start)) {
                m.instructions.remove(insn);
            }
        }
        if (m.localVariables != null) {
            m.localVariables.removeIf(v -> moved.contains(v.start) || moved.contains(v.end));
        }
    }

    private static String freshName(ClassNode c, String base) {
        for (int k = 1; ; k++) {
            String name = base + "$" + k;
            if (c.methods.stream().noneMatch(x -> x.name.equals(name))) {
                return name;
            }
        }
    }

    private static void allocateCarriers(MethodNode m, int longs, int refs, int longsSlot, int refsSlot) {
        InsnList init = new InsnList();
        if (longs > 0) {
            init.add(CodeSize.constant(longs));
            init.add(new IntInsnNode(Opcodes.NEWARRAY, Opcodes.T_LONG));
            init.add(new VarInsnNode(Opcodes.ASTORE, longsSlot));
        }
        if (refs > 0) {
            init.add(CodeSize.constant(refs));
            init.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
            init.add(new VarInsnNode(Opcodes.ASTORE, refsSlot));
        }
        m.instructions.insert(init);
    }
}
