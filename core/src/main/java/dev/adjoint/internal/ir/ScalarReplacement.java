package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Keeps the fields of objects that never leave a method in locals, so that their derivative is the derivative of
 * locals: no object, no shadow, no identity map, no taped reference. This is what a compiler's scalar replacement
 * does after inlining, and what HotSpot does for the primal; a record {@code Vec3} built and read in a loop becomes
 * three {@code double}s.
 *
 * <p>An allocation is replaced when its class's fields are all known (its superclasses, up to {@code Object} or
 * {@code Record}, declare none), its constructor was inlined ({@link Inlining}), and every use of the object, through
 * copies in locals and on the stack, reads or writes one of its fields, calls {@code Object}'s or {@code Record}'s
 * constructor, or checks it for {@code null} the way inlining does. An object that is returned, stored in an array
 * or a field of an object that stays, passed to a call, compared, or synchronised on stays an object, and so does
 * every object that a local may hold at the same place as it.
 *
 * <p>Each allocation gets locals for its fields. A local that may hold objects of several allocations (a
 * {@code velocity = velocity.plus(a)} carried round a loop) gets locals of its own, into which each store copies the
 * fields; that is exact only when the fields cannot change after the copy, so such objects' written fields must be
 * {@code final}. The reference itself becomes {@code null}, so the stack keeps its shape. Objects held in the fields
 * of replaced objects are replaced in a further round.
 */
final class ScalarReplacement implements Opcodes {

    private static final int ROUNDS = 3;
    private static final AbstractInsnNode FOREIGN = new InsnNode(NOP);

    private final String host;
    private final MethodNode m;
    private final Callees callees;
    private final Set<AbstractInsnNode> constructed;
    private Sources sources;
    private final Map<String, List<FieldNode>> shapes = new HashMap<>();
    /** Per class, the allocations replaced. */
    final Map<String, Integer> replaced = new LinkedHashMap<>();

    private ScalarReplacement(String host, MethodNode m, Callees callees, Set<AbstractInsnNode> constructed) {
        this.host = host;
        this.m = m;
        this.callees = callees;
        this.constructed = constructed;
    }

    /**
     * Replaces the objects of {@code m}, a method of {@code host}, that do not escape it, in place.
     *
     * @param constructed the allocations whose constructors were inlined: the only ones that can be replaced
     */
    static ScalarReplacement run(String host, MethodNode m, Callees callees, Set<AbstractInsnNode> constructed) {
        ScalarReplacement s = new ScalarReplacement(host, m, callees, constructed);
        for (int round = 0; !constructed.isEmpty() && round < ROUNDS; round++) {
            if (!s.round()) {
                break;
            }
        }
        return s;
    }

    /**
     * @return the instance fields of a class whose objects can be kept in locals, in declaration order, or
     *         {@code null} when they cannot (unknown, abstract, or a superclass with fields)
     */
    static List<FieldNode> fields(Callees callees, String internalName) {
        ClassNode c = callees.declaration(internalName);
        if (c == null || (c.access & (ACC_INTERFACE | ACC_ABSTRACT)) != 0) {
            return null;
        }
        for (String s = c.superName; !"java/lang/Object".equals(s) && !"java/lang/Record".equals(s); ) {
            ClassNode sc = s == null ? null : callees.declaration(s);
            if (sc == null || !instanceFields(sc).isEmpty()) {
                return null;
            }
            s = sc.superName;
        }
        return instanceFields(c);
    }

    private static List<FieldNode> instanceFields(ClassNode c) {
        List<FieldNode> out = new ArrayList<>();
        for (FieldNode f : c.fields) {
            if ((f.access & ACC_STATIC) == 0) {
                out.add(f);
            }
        }
        return out;
    }

    private List<FieldNode> shape(String internalName) {
        return shapes.computeIfAbsent(internalName, n -> {
            List<FieldNode> f = fields(callees, n);
            return f == null ? List.of() : f;
        });
    }

    /** A use of a replaced object: an instruction, which of its operands, and how many it takes. */
    private static final class Use {
        final AbstractInsnNode at;
        final int operand;
        final int count;

        Use(AbstractInsnNode at, int operand, int count) {
            this.at = at;
            this.operand = operand;
            this.count = count;
        }
    }

    // ------------------------------------------------------------------------------------------ one round

    private AbstractInsnNode[] code;
    private Map<AbstractInsnNode, Integer> index;
    private Map<AbstractInsnNode, String> candidates;
    private Map<AbstractInsnNode, Set<AbstractInsnNode>> origins;
    private Set<AbstractInsnNode> escaped;
    private List<Use> uses;

    private boolean round() {
        sources = Sources.of(host, m);
        if (sources == null) {
            return false;
        }
        code = m.instructions.toArray();
        index = new HashMap<>();
        for (int i = 0; i < code.length; i++) {
            index.put(code[i], i);
        }
        candidates = new LinkedHashMap<>();
        for (AbstractInsnNode insn : code) {
            if (insn.getOpcode() == NEW && constructed.contains(insn) && sources.reached(insn)) {
                String c = ((TypeInsnNode) insn).desc;
                if (fields(callees, c) != null) {
                    candidates.put(insn, c);
                }
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        computeOrigins();
        escaped = new HashSet<>();
        while (escapes()) {
            // each pass may let an object escape through another that a local shares with it
        }
        Map<AbstractInsnNode, String> kept = new LinkedHashMap<>(candidates);
        kept.keySet().removeAll(escaped);
        if (kept.isEmpty()) {
            return false;
        }
        rewrite(kept);
        return true;
    }

    // ------------------------------------------------------------------------------------------ where values come from

    private void computeOrigins() {
        origins = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (AbstractInsnNode insn : code) {
                if (!sources.reached(insn) || (insn.getOpcode() != NEW && !Sources.copies(insn))) {
                    continue;
                }
                Set<AbstractInsnNode> o = insn.getOpcode() == NEW ? Set.of(insn) : originsOf(sources.copied(insn));
                Set<AbstractInsnNode> old = origins.get(insn);
                if (old == null || !old.equals(o)) {
                    origins.put(insn, o);
                    changed = true;
                }
            }
        }
    }

    /** @return the allocations a value may be, with {@link #FOREIGN} standing for anything else */
    private Set<AbstractInsnNode> originsOf(SourceValue v) {
        if (v == null || v.insns.isEmpty()) {
            return Set.of(FOREIGN);
        }
        Set<AbstractInsnNode> out = new LinkedHashSet<>();
        for (AbstractInsnNode p : v.insns) {
            if (p.getOpcode() == NEW) {
                out.add(candidates.containsKey(p) ? p : FOREIGN);
            } else if (Sources.copies(p)) {
                out.addAll(origins.getOrDefault(p, Set.of()));
            } else {
                out.add(FOREIGN);
            }
        }
        return out;
    }

    private boolean hasCandidate(Set<AbstractInsnNode> o) {
        for (AbstractInsnNode a : o) {
            if (candidates.containsKey(a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a set of origins is of objects that are all replaced, of one class. */
    private boolean tracked(Set<AbstractInsnNode> o) {
        String c = null;
        for (AbstractInsnNode a : o) {
            String ac = candidates.get(a);
            if (ac == null || escaped.contains(a) || c != null && !c.equals(ac)) {
                return false;
            }
            c = ac;
        }
        return c != null;
    }

    private String classOf(Set<AbstractInsnNode> o) {
        return candidates.get(o.iterator().next());
    }

    private boolean escape(Set<AbstractInsnNode> o) {
        boolean changed = false;
        for (AbstractInsnNode a : o) {
            if (candidates.containsKey(a)) {
                changed |= escaped.add(a);
            }
        }
        return changed;
    }

    // ------------------------------------------------------------------------------------------ escape

    /** One pass over the method; @return whether it found an object that escapes */
    private boolean escapes() {
        boolean changed = false;
        uses = new ArrayList<>();
        for (Set<AbstractInsnNode> o : origins.values()) {
            if (hasCandidate(o) && !tracked(o)) {
                changed |= escape(o);
            }
        }
        for (AbstractInsnNode insn : code) {
            Frame<SourceValue> f = sources.before(insn);
            if (f == null) {
                continue;
            }
            int n = pops(insn, f);
            if (n < 0) {
                for (int k = Math.max(0, f.getStackSize() - 4); k < f.getStackSize(); k++) {
                    changed |= escape(originsOf(f.getStack(k)));
                }
                continue;
            }
            for (int k = 0; k < n; k++) {
                SourceValue v = sources.operand(insn, k, n);
                Set<AbstractInsnNode> o = originsOf(v);
                if (!hasCandidate(o)) {
                    continue;
                }
                if (!tracked(o) || !allowed(insn, k, n, v, classOf(o))) {
                    changed |= escape(o);
                } else {
                    uses.add(new Use(insn, k, n));
                }
            }
        }
        changed |= mutableShared();
        changed |= crossings();
        return changed;
    }

    /** Whether an instruction may use a replaced object of class {@code c} as its operand {@code k} of {@code n}. */
    private boolean allowed(AbstractInsnNode insn, int k, int n, SourceValue v, String c) {
        int op = insn.getOpcode();
        if (op == POP || op == POP2) {
            return true;
        }
        if (v.insns.size() != 1) {
            return false;
        }
        switch (op) {
            case GETFIELD:
                return field((FieldInsnNode) insn, c) >= 0;
            case PUTFIELD:
                return k == 0 && field((FieldInsnNode) insn, c) >= 0;
            case ASTORE:
            case DUP:
                return true;
            case CHECKCAST:
                return supertype(c, ((TypeInsnNode) insn).desc);
            case INVOKESPECIAL: {
                MethodInsnNode mi = (MethodInsnNode) insn;
                return "<init>".equals(mi.name) && "()V".equals(mi.desc)
                        && ("java/lang/Object".equals(mi.owner) || "java/lang/Record".equals(mi.owner));
            }
            case INVOKEVIRTUAL:
                return nullCheck(insn);
            default:
                return false;
        }
    }

    /** Whether an instruction is {@code o.getClass()} with the result dropped: a check that {@code o} is not null. */
    private static boolean nullCheck(AbstractInsnNode insn) {
        MethodInsnNode mi = (MethodInsnNode) insn;
        if (!"java/lang/Object".equals(mi.owner) || !"getClass".equals(mi.name)) {
            return false;
        }
        AbstractInsnNode next = mi.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next != null && next.getOpcode() == POP;
    }

    private boolean supertype(String c, String type) {
        if (type.equals(c) || "java/lang/Object".equals(type) || "java/lang/Record".equals(type)) {
            return true;
        }
        for (String s = c; s != null; ) {
            ClassNode node = callees.declaration(s);
            if (node == null) {
                return false;
            }
            if (s.equals(type) || node.interfaces.contains(type)) {
                return true;
            }
            s = node.superName;
        }
        return false;
    }

    /** @return the index of the field an instruction names among {@code c}'s, or -1 */
    private int field(FieldInsnNode fi, String c) {
        if (!fi.owner.equals(c)) {
            return -1;
        }
        List<FieldNode> fs = shape(c);
        for (int j = 0; j < fs.size(); j++) {
            if (fs.get(j).name.equals(fi.name) && fs.get(j).desc.equals(fi.desc)) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Objects that a local shares with others are copied field by field into it, which is exact only for fields
     * that never change after the copy: their groups may write only final fields (in their constructors).
     */
    private boolean mutableShared() {
        Map<AbstractInsnNode, AbstractInsnNode> group = groups();
        Set<AbstractInsnNode> shared = new HashSet<>();
        for (Set<AbstractInsnNode> o : origins.values()) {
            if (o.size() > 1 && tracked(o)) {
                shared.add(group.get(o.iterator().next()));
            }
        }
        boolean changed = false;
        for (Use u : uses) {
            if (u.at.getOpcode() != PUTFIELD) {
                continue;
            }
            Set<AbstractInsnNode> o = originsOf(sources.operand(u.at, u.operand, u.count));
            FieldNode f = shape(classOf(o)).get(field((FieldInsnNode) u.at, classOf(o)));
            if ((f.access & ACC_FINAL) == 0 && shared.contains(group.get(o.iterator().next()))) {
                for (Map.Entry<AbstractInsnNode, AbstractInsnNode> e : group.entrySet()) {
                    if (e.getValue() == group.get(o.iterator().next())) {
                        changed |= escaped.add(e.getKey());
                    }
                }
            }
        }
        return changed;
    }

    /** @return each kept allocation's group: the allocations that some local may hold in the same place */
    private Map<AbstractInsnNode, AbstractInsnNode> groups() {
        Map<AbstractInsnNode, AbstractInsnNode> parent = new HashMap<>();
        for (AbstractInsnNode a : candidates.keySet()) {
            parent.put(a, a);
        }
        for (Set<AbstractInsnNode> o : origins.values()) {
            if (!tracked(o)) {
                continue;
            }
            AbstractInsnNode first = root(parent, o.iterator().next());
            for (AbstractInsnNode a : o) {
                parent.put(root(parent, a), first);
            }
        }
        Map<AbstractInsnNode, AbstractInsnNode> out = new HashMap<>();
        for (AbstractInsnNode a : candidates.keySet()) {
            out.put(a, root(parent, a));
        }
        return out;
    }

    private static AbstractInsnNode root(Map<AbstractInsnNode, AbstractInsnNode> parent, AbstractInsnNode a) {
        while (parent.get(a) != a) {
            a = parent.get(a);
        }
        return a;
    }

    /**
     * A use reads the fields where the object is at the time of the use, not where it was when its reference was
     * pushed: the two must be on one straight path, with no store to the local it was loaded from in between.
     */
    private boolean crossings() {
        boolean changed = false;
        Map<LabelNode, List<AbstractInsnNode>> jumpsTo = jumpsTo();
        for (Use u : uses) {
            SourceValue v = sources.operand(u.at, u.operand, u.count);
            if (v.insns.size() != 1) {
                continue;
            }
            AbstractInsnNode root = root(v.insns.iterator().next());
            if (root == null || !straight(root, u.at, jumpsTo)) {
                changed |= escape(originsOf(v));
            }
        }
        return changed;
    }

    /** @return the load or allocation a stack value was copied from, or {@code null} if it was merged */
    private AbstractInsnNode root(AbstractInsnNode p) {
        while (p.getOpcode() == DUP || p.getOpcode() == CHECKCAST) {
            SourceValue in = sources.copied(p);
            if (in.insns.size() != 1) {
                return null;
            }
            p = in.insns.iterator().next();
        }
        return p;
    }

    private boolean straight(AbstractInsnNode from, AbstractInsnNode to, Map<LabelNode, List<AbstractInsnNode>> jumpsTo) {
        int a = index.get(from);
        int b = index.get(to);
        if (a >= b) {
            return false;
        }
        int slot = from.getOpcode() == ALOAD ? ((VarInsnNode) from).var : -1;
        for (int i = a + 1; i < b; i++) {
            AbstractInsnNode insn = code[i];
            if (insn.getOpcode() == ASTORE && ((VarInsnNode) insn).var == slot) {
                return false;
            }
            for (LabelNode target : Inlining.targets(insn)) {
                int t = index.get(target);
                if (t <= a || t > b) {
                    return false;
                }
            }
            if (insn instanceof LabelNode) {
                for (AbstractInsnNode j : jumpsTo.getOrDefault(insn, List.of())) {
                    int ji = index.get(j);
                    if (ji <= a || ji >= b) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private Map<LabelNode, List<AbstractInsnNode>> jumpsTo() {
        Map<LabelNode, List<AbstractInsnNode>> out = new HashMap<>();
        for (AbstractInsnNode insn : code) {
            for (LabelNode l : Inlining.targets(insn)) {
                out.computeIfAbsent(l, k -> new ArrayList<>()).add(insn);
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            out.computeIfAbsent(t.handler, k -> new ArrayList<>()).add(t.handler);
        }
        return out;
    }

    /**
     * @return how many values an instruction takes from the stack, or -1 for the stack shuffles that this pass does
     *         not follow ({@code dup_x1}, {@code dup2}, {@code swap}, …)
     */
    private static int pops(AbstractInsnNode insn, Frame<SourceValue> f) {
        int op = insn.getOpcode();
        if (op < 0 || op <= ALOAD || op == GOTO || op == JSR || op == RET || op == RETURN || op == GETSTATIC
                || op == NEW || op == IINC) {
            return 0;
        }
        if (op >= ISTORE && op <= ASTORE || op == POP || op == DUP || op >= INEG && op <= DNEG
                || op >= I2L && op <= I2S || op >= IFEQ && op <= IFLE || op == TABLESWITCH || op == LOOKUPSWITCH
                || op >= IRETURN && op <= ARETURN || op == PUTSTATIC || op == GETFIELD
                || op >= NEWARRAY && op <= INSTANCEOF || op == MONITORENTER || op == MONITOREXIT || op == IFNULL
                || op == IFNONNULL) {
            return 1;
        }
        if (op == POP2) {
            return f.getStack(f.getStackSize() - 1).getSize() == 2 ? 1 : 2;
        }
        if (op >= IALOAD && op <= SALOAD || op >= IADD && op <= DREM || op >= ISHL && op <= LXOR
                || op >= LCMP && op <= DCMPG || op >= IF_ICMPEQ && op <= IF_ACMPNE || op == PUTFIELD) {
            return 2;
        }
        if (op >= IASTORE && op <= SASTORE) {
            return 3;
        }
        if (op >= INVOKEVIRTUAL && op <= INVOKEINTERFACE) {
            return Type.getArgumentTypes(((MethodInsnNode) insn).desc).length + (op == INVOKESTATIC ? 0 : 1);
        }
        if (op == INVOKEDYNAMIC) {
            return Type.getArgumentTypes(((org.objectweb.asm.tree.InvokeDynamicInsnNode) insn).desc).length;
        }
        if (op == MULTIANEWARRAY) {
            return ((MultiANewArrayInsnNode) insn).dims;
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------ rewriting

    private Map<AbstractInsnNode, int[]> ofAllocation;
    private Map<String, int[]> ofLocal;
    private InsnList init;

    private void rewrite(Map<AbstractInsnNode, String> kept) {
        ofAllocation = new HashMap<>();
        ofLocal = new HashMap<>();
        init = new InsnList();
        for (Map.Entry<AbstractInsnNode, String> e : kept.entrySet()) {
            ofAllocation.put(e.getKey(), allocate(e.getValue()));
            replaced.merge(e.getValue(), 1, Integer::sum);
        }
        for (AbstractInsnNode insn : code) {
            if (insn.getOpcode() == ALOAD && sources.reached(insn)) {
                Set<AbstractInsnNode> o = origins.get(insn);
                if (o != null && o.size() > 1 && tracked(o)) {
                    ofLocal.computeIfAbsent(((VarInsnNode) insn).var + ":" + classOf(o), k -> allocate(classOf(o)));
                }
            }
        }
        // every tuple is computed before the first instruction changes
        List<Runnable> edits = new ArrayList<>();
        for (Use u : uses) {
            SourceValue v = sources.operand(u.at, u.operand, u.count);
            Set<AbstractInsnNode> o = originsOf(v);
            String c = classOf(o);
            int op = u.at.getOpcode();
            if (op == GETFIELD || op == PUTFIELD) {
                int j = field((FieldInsnNode) u.at, c);
                int slot = tupleOf(v.insns.iterator().next())[j];
                Type t = Type.getType(shape(c).get(j).desc);
                edits.add(op == GETFIELD ? () -> replace(u.at, new InsnNode(POP), new VarInsnNode(t.getOpcode(ILOAD), slot))
                        : () -> replace(u.at, new VarInsnNode(t.getOpcode(ISTORE), slot), new InsnNode(POP)));
            } else if (op == INVOKESPECIAL) {
                edits.add(() -> replace(u.at, new InsnNode(POP)));
            } else if (op == INVOKEVIRTUAL) {
                edits.add(() -> m.instructions.remove(u.at));
            } else if (op == ASTORE) {
                int[] into = ofLocal.get(((VarInsnNode) u.at).var + ":" + c);
                if (into != null) {
                    int[] from = tupleOf(v.insns.iterator().next());
                    InsnList copy = copy(c, from, into);
                    edits.add(() -> m.instructions.insertBefore(u.at, copy));
                }
            }
        }
        for (AbstractInsnNode a : kept.keySet()) {
            edits.add(() -> m.instructions.set(a, new InsnNode(ACONST_NULL)));
        }
        edits.forEach(Runnable::run);
        m.instructions.insert(init);
        m.maxStack += 2;
    }

    /** @return the locals that hold the fields of the object a stack value was pushed by {@code p} */
    private int[] tupleOf(AbstractInsnNode p) {
        switch (p.getOpcode()) {
            case NEW:
                return ofAllocation.get(p);
            case DUP:
            case CHECKCAST:
                return tupleOf(sources.copied(p).insns.iterator().next());
            default: // ALOAD
                Set<AbstractInsnNode> o = origins.get(p);
                int[] own = ofLocal.get(((VarInsnNode) p).var + ":" + classOf(o));
                return own != null ? own : ofAllocation.get(o.iterator().next());
        }
    }

    private int[] allocate(String c) {
        List<FieldNode> fs = shape(c);
        int[] slots = new int[fs.size()];
        for (int j = 0; j < fs.size(); j++) {
            Type t = Type.getType(fs.get(j).desc);
            slots[j] = m.maxLocals;
            m.maxLocals += t.getSize();
            init.add(zero(t));
            init.add(new VarInsnNode(t.getOpcode(ISTORE), slots[j]));
        }
        return slots;
    }

    private InsnList copy(String c, int[] from, int[] into) {
        InsnList out = new InsnList();
        List<FieldNode> fs = shape(c);
        for (int j = 0; j < fs.size(); j++) {
            Type t = Type.getType(fs.get(j).desc);
            out.add(new VarInsnNode(t.getOpcode(ILOAD), from[j]));
            out.add(new VarInsnNode(t.getOpcode(ISTORE), into[j]));
        }
        return out;
    }

    private static AbstractInsnNode zero(Type t) {
        switch (t.getSort()) {
            case Type.DOUBLE:
                return new InsnNode(DCONST_0);
            case Type.FLOAT:
                return new InsnNode(FCONST_0);
            case Type.LONG:
                return new InsnNode(LCONST_0);
            case Type.OBJECT:
            case Type.ARRAY:
                return new InsnNode(ACONST_NULL);
            default:
                return new InsnNode(ICONST_0);
        }
    }

    private void replace(AbstractInsnNode at, AbstractInsnNode... with) {
        InsnList l = new InsnList();
        for (AbstractInsnNode w : with) {
            l.add(w);
        }
        m.instructions.insert(at, l);
        m.instructions.remove(at);
    }
}
