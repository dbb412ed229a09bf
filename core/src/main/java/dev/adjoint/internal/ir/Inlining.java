package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Replaces calls of small methods by their bodies, before anything is differentiated, as a compiler does before it
 * optimises: a loop that calls {@code v.dot(w)} on a record becomes a loop of multiplications, whose derivative is
 * one loop, not a million calls of a companion, each with its tape and its receiver's shadow. It is what makes
 * {@link ScalarReplacement} possible: a record's constructor and accessors inlined, its fields become locals.
 *
 * <p>A call is inlined when the engine would differentiate its callee through the callee's bytecode
 * ({@link Callees#followed}), the callee is known without dispatch (static, private, a constructor, a virtual
 * method that is final or of a final class, as every record is, or any virtual or interface call on an object the
 * method itself allocated, whose class is then exact), and its body is small and straight: at most
 * {@value #MAX_CALLEE} instructions, no loop, no exception handler, no {@code invokedynamic}, no monitor, not
 * synchronized. Calls inside inlined bodies are inlined in turn, {@value #MAX_DEPTH} levels deep, and never a method
 * into itself: recursion, direct or mutual, keeps its calls. A method grows by {@value #MAX_GROWTH} instructions at most. Calls of methods with loops, of large
 * methods and of methods chosen at run time keep their companions.
 *
 * <p>A virtual call of a method a subclass could override, on a receiver whose class is not known, is inlined behind
 * a guard when the class the call names is concrete: most such classes are never extended (an ODE's state, a
 * library's helper object), and the guard, {@code receiver.getClass() == Owner.class}, is one comparison that the
 * JIT folds when the class is exact. The other branch keeps the call, so an object of a subclass, loaded before or
 * after the companion was generated, runs its own method through its companion. Class files alone do not say which
 * classes implement an interface or extend an abstract class, so such calls are inlined only on an object of known
 * class.
 *
 * <p>The body's locals move above the caller's; its arguments, taken from the stack, are stored into them; each
 * return becomes a jump to the end, leaving the result on the stack. A virtual call's receiver is checked for
 * {@code null} as the call would have (unless it is {@code this} or a fresh object). The inlined instructions carry
 * no line numbers of their own: a refusal inside them names the caller's line of the call. Whether the caller may
 * legally hold the inlined instructions (private members of another class, a constructor's writes of final fields)
 * is judged after scalar replacement, which removes most of them ({@link Preparation}); a callee whose code cannot
 * stay is refused and the method is inlined again without it.
 */
public final class Inlining implements Opcodes {

    /** Instructions of a callee that may be inlined, not counting labels and line numbers. */
    static final int MAX_CALLEE = 120;
    /** Calls inside inlined code inlined in turn, levels. */
    static final int MAX_DEPTH = 4;
    /** Instructions a method may gain. */
    static final int MAX_GROWTH = 2_000;
    /**
     * The most instructions a method may have to have calls inlined into it. A larger one is cut into pieces for the
     * JIT anyway (design.md §16a), so inlining does not make its derivative code faster, only its generation slower.
     */
    static final int MAX_CALLER = 3_000;

    private final String host;
    private final MethodNode m;
    private final Callees callees;
    private final Set<String> refused;
    private final Map<String, Boolean> eligible = new HashMap<>();
    private final Map<AbstractInsnNode, Set<String>> chain = new HashMap<>();
    private final Set<Integer> nonNull = new HashSet<>();
    private int growth;

    /** Each inlined instruction, and the callee whose body it comes from. */
    final Map<AbstractInsnNode, String> origin = new HashMap<>();
    /** Each allocation whose constructor was inlined, and that constructor. */
    final Map<AbstractInsnNode, String> constructed = new HashMap<>();
    /** Each callee inlined, and how many times. */
    final Map<String, Integer> inlined = new LinkedHashMap<>();
    /** Each callee inlined behind a guard, and the class the guard tests the receiver for. */
    final Map<String, String> guarded = new LinkedHashMap<>();
    /** The calls a guard's other branch keeps: inlined once, they are not inlined again. */
    private final Set<AbstractInsnNode> kept = new HashSet<>();
    /** The sources of the method's values in the current round, once a call needs them. */
    private Sources sources;
    private boolean analysed;

    private Inlining(String host, MethodNode m, Callees callees, Set<String> refused) {
        this.host = host;
        this.m = m;
        this.callees = callees;
        this.refused = refused;
        if ((m.access & ACC_STATIC) == 0 && !writes(m, 0)) {
            nonNull.add(0);
        }
    }

    /**
     * Inlines the calls of {@code m}, a method of {@code host}, in place.
     *
     * @param refused callees not to inline, as {@code owner.name desc}
     * @return what was inlined, and where each instruction came from
     */
    static Inlining run(String host, MethodNode m, Callees callees, Set<String> refused) {
        Inlining in = new Inlining(host, m, callees, refused);
        if (size(m) > MAX_CALLER) {
            return in;
        }
        for (int round = 0; round <= MAX_DEPTH; round++) {
            if (!in.round()) {
                break;
            }
        }
        if (!in.inlined.isEmpty()) {
            in.mergeAdjacentLabels();
        }
        return in;
    }

    /**
     * Makes each position in the code one label again. An inlined body's last merge and the label its returns jump
     * to would otherwise be two labels in a row, a block with no instructions that carries a value on the stack;
     * a class file can never say that, and the analyses downstream do not expect it.
     */
    private void mergeAdjacentLabels() {
        Map<LabelNode, LabelNode> same = new HashMap<>();
        LabelNode current = null;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LabelNode) {
                if (current != null) {
                    same.put((LabelNode) insn, current);
                } else {
                    current = (LabelNode) insn;
                }
            } else if (insn.getOpcode() >= 0) {
                current = null;
            }
        }
        if (same.isEmpty()) {
            return;
        }
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof JumpInsnNode) {
                JumpInsnNode j = (JumpInsnNode) insn;
                j.label = same.getOrDefault(j.label, j.label);
            } else if (insn instanceof TableSwitchInsnNode) {
                TableSwitchInsnNode t = (TableSwitchInsnNode) insn;
                t.dflt = same.getOrDefault(t.dflt, t.dflt);
                t.labels.replaceAll(l -> same.getOrDefault(l, l));
            } else if (insn instanceof LookupSwitchInsnNode) {
                LookupSwitchInsnNode l = (LookupSwitchInsnNode) insn;
                l.dflt = same.getOrDefault(l.dflt, l.dflt);
                l.labels.replaceAll(x -> same.getOrDefault(x, x));
            } else if (insn instanceof LineNumberNode) {
                LineNumberNode n = (LineNumberNode) insn;
                n.start = same.getOrDefault(n.start, n.start);
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            t.start = same.getOrDefault(t.start, t.start);
            t.end = same.getOrDefault(t.end, t.end);
            t.handler = same.getOrDefault(t.handler, t.handler);
        }
        if (m.localVariables != null) {
            for (LocalVariableNode v : m.localVariables) {
                v.start = same.getOrDefault(v.start, v.start);
                v.end = same.getOrDefault(v.end, v.end);
            }
        }
        for (LabelNode l : same.keySet()) {
            m.instructions.remove(l);
        }
    }

    /** @return the key of a method, as {@link #refused} holds it */
    static String key(String owner, String name, String desc) {
        return owner + "." + name + desc;
    }

    private boolean round() {
        sources = null;
        analysed = false;
        boolean changed = false;
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (!(insn instanceof MethodInsnNode) || kept.contains(insn)
                    || chain.getOrDefault(insn, Set.of()).size() >= MAX_DEPTH) {
                continue;
            }
            MethodInsnNode call = (MethodInsnNode) insn;
            Candidate c = candidate(call);
            if (c == null || growth + size(c.body) > MAX_GROWTH) {
                continue;
            }
            Sources flow = sources();
            if (flow == null) {
                return false;
            }
            if (!flow.reached(call)) {
                continue;
            }
            AbstractInsnNode allocation = null;
            if ("<init>".equals(call.name)) {
                allocation = flow.allocation(receiver(call, flow));
                if (allocation == null || !constructs(((TypeInsnNode) allocation).desc, call.owner)) {
                    continue;
                }
            }
            inline(call, new Target(c, allocation), flow);
            changed = true;
        }
        return changed;
    }

    /**
     * @return the sources of the method's values, analysed only once a call needs them (most methods of a library
     *         have nothing to inline), or {@code null} if its code cannot be analysed
     */
    private Sources sources() {
        if (!analysed) {
            sources = Sources.of(host, m);
            analysed = true;
        }
        return sources;
    }

    /** A callee to inline: its body, the class that declares it, and the allocation it constructs, if any. */
    private static final class Target {
        final String declaring;
        final MethodNode body;
        final AbstractInsnNode allocation;
        final String guard;
        final boolean exact;

        Target(Candidate c, AbstractInsnNode allocation) {
            this.declaring = c.declaring.name;
            this.body = c.body;
            this.allocation = allocation;
            this.guard = c.guard;
            this.exact = c.exact;
        }
    }

    /**
     * A method a call may be replaced by: its body, the class that declares it, and for a virtual call, the class the
     * receiver must have for the body to be the one that runs ({@code guard}, tested before it) or whether the
     * receiver's class is known to be that ({@code exact}).
     */
    private static final class Candidate {
        final ClassNode declaring;
        final MethodNode body;
        final String guard;
        final boolean exact;

        Candidate(ClassNode declaring, MethodNode body, String guard, boolean exact) {
            this.declaring = declaring;
            this.body = body;
            this.guard = guard;
            this.exact = exact;
        }
    }

    private Candidate candidate(MethodInsnNode call) {
        Candidate bound = bound(call);
        Candidate c = bound != null || "<init>".equals(call.name)
                || call.getOpcode() != INVOKEVIRTUAL && call.getOpcode() != INVOKEINTERFACE ? bound : dispatched(call);
        if (c == null) {
            return null;
        }
        String key = key(c.declaring.name, c.body.name, c.body.desc);
        if (refused.contains(key) || key.equals(key(host, m.name, m.desc)) || calls(c.body, host, m)
                || calls(c.body, c.declaring.name, c.body) || !mayCarry(c.body)
                || chain.getOrDefault(call, Set.of()).contains(key)
                || !eligible.computeIfAbsent(key, k -> straight(c.declaring.name, c.body))) {
            return null;
        }
        return c;
    }

    /** @return the callee of a call known without dispatch, or {@code null} */
    private Candidate bound(MethodInsnNode call) {
        int op = call.getOpcode();
        if (op == INVOKEINTERFACE || !callees.followed(op, call.owner, call.name, call.desc)) {
            return null;
        }
        ClassNode declaring;
        MethodNode body;
        if ("<init>".equals(call.name)) {
            declaring = callees.declaration(call.owner);
            body = declaring == null ? null : method(declaring, call.name, call.desc);
        } else {
            declaring = resolve(call.owner, call.name, call.desc);
            body = declaring == null ? null : method(declaring, call.name, call.desc);
            if (body == null || !bound(op, call, callees.declaration(call.owner), body)) {
                return null;
            }
        }
        return body == null ? null : new Candidate(declaring, body, null, false);
    }

    /**
     * @return the callee of a call that dispatches on its receiver, when the receiver's class is known (an object
     *         the method allocated) or, for a class the call names that is concrete, guessed and then guarded; else
     *         {@code null}
     */
    private Candidate dispatched(MethodInsnNode call) {
        String receiverClass = null;
        boolean exact = false;
        Sources sources = sources();
        if (sources != null && sources.reached(call)) {
            AbstractInsnNode allocation = sources.allocation(receiver(call, sources));
            if (allocation != null) {
                receiverClass = ((TypeInsnNode) allocation).desc;
                exact = true;
            }
        }
        if (receiverClass == null && call.getOpcode() == INVOKEVIRTUAL) {
            ClassNode owner = callees.declaration(call.owner);
            if (owner != null && (owner.access & (ACC_ABSTRACT | ACC_INTERFACE)) == 0) {
                receiverClass = call.owner;
            }
        }
        if (receiverClass == null || !callees.followed(INVOKEVIRTUAL, receiverClass, call.name, call.desc)) {
            return null;
        }
        ClassNode declaring = resolve(receiverClass, call.name, call.desc);
        MethodNode body = declaring == null ? null : method(declaring, call.name, call.desc);
        if (body == null || !selected(body, declaring.name, call.owner)) {
            return null;
        }
        return new Candidate(declaring, body, exact ? null : receiverClass, exact);
    }

    /**
     * Whether the method a class inherits or declares is the one a virtual call selects on its objects: not static
     * and not private (which override nothing), and not package-private in another package than the class the call
     * names (which overrides nothing there either).
     */
    private static boolean selected(MethodNode body, String declaring, String named) {
        if ((body.access & (ACC_STATIC | ACC_PRIVATE)) != 0) {
            return declaring.equals(named) && (body.access & ACC_STATIC) == 0;
        }
        if ((body.access & (ACC_PUBLIC | ACC_PROTECTED)) != 0) {
            return true;
        }
        return declaring.lastIndexOf('/') == named.lastIndexOf('/')
                && declaring.regionMatches(0, named, 0, Math.max(0, declaring.lastIndexOf('/')));
    }

    /** Whether a body calls the method of {@code host} it would be inlined into, or itself: recursion keeps its calls. */
    private static boolean calls(MethodNode body, String host, MethodNode m) {
        for (AbstractInsnNode insn : body.instructions) {
            if (insn instanceof MethodInsnNode) {
                MethodInsnNode mi = (MethodInsnNode) insn;
                if (mi.owner.equals(host) && mi.name.equals(m.name) && mi.desc.equals(m.desc)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a method's arguments or result may carry a derivative: a static method of integers and booleans
     * ({@code isOdd(i)}, an index helper) cannot, and inlining it would only add branches for the pullback to
     * retrace.
     */
    private static boolean mayCarry(MethodNode body) {
        if ((body.access & ACC_STATIC) == 0) {
            return true;
        }
        for (Type t : Type.getArgumentTypes(body.desc)) {
            if (t.getSort() >= Type.FLOAT && t.getSort() != Type.LONG) {
                return true;
            }
        }
        Type r = Type.getReturnType(body.desc);
        return r.getSort() >= Type.FLOAT && r.getSort() != Type.LONG;
    }

    /** Whether a call reaches exactly {@code body}, whatever the class of a receiver of type {@code owner}. */
    private static boolean bound(int op, MethodInsnNode call, ClassNode owner, MethodNode body) {
        boolean isStatic = (body.access & ACC_STATIC) != 0;
        if (op == INVOKESTATIC) {
            return isStatic;
        }
        if (isStatic) {
            return false;
        }
        if (op == INVOKESPECIAL) {
            return (body.access & ACC_PRIVATE) != 0 && owner.name.equals(call.owner);
        }
        return (body.access & (ACC_PRIVATE | ACC_FINAL)) != 0 || (owner.access & ACC_FINAL) != 0;
    }

    /** @return the class, {@code owner} or one of its superclasses, that declares the method, or {@code null} */
    private ClassNode resolve(String owner, String name, String desc) {
        for (String c = owner; c != null; ) {
            ClassNode node = callees.declaration(c);
            if (node == null) {
                return null;
            }
            if (method(node, name, desc) != null) {
                return node;
            }
            c = node.superName;
        }
        return null;
    }

    /** Whether an object of class {@code allocated} is built by a constructor of {@code owner}: its own or a super. */
    private boolean constructs(String allocated, String owner) {
        if ("java/lang/Object".equals(owner) || "java/lang/Record".equals(owner)) {
            return false;
        }
        for (String c = allocated; c != null; ) {
            if (c.equals(owner)) {
                return ScalarReplacement.fields(callees, allocated) != null;
            }
            ClassNode node = callees.declaration(c);
            c = node == null ? null : node.superName;
        }
        return false;
    }

    private static MethodNode method(ClassNode c, String name, String desc) {
        for (MethodNode mn : c.methods) {
            if (mn.name.equals(name) && mn.desc.equals(desc)) {
                return mn;
            }
        }
        return null;
    }

    /** Whether a body is small and straight enough to inline (see the class comment). */
    private static boolean straight(String owner, MethodNode b) {
        if ((b.access & (ACC_ABSTRACT | ACC_NATIVE | ACC_SYNCHRONIZED)) != 0 || !b.tryCatchBlocks.isEmpty()
                || b.instructions.size() == 0 || size(b) > MAX_CALLEE) {
            return false;
        }
        if ((b.access & ACC_STATIC) == 0 && writes(b, 0)) {
            return false;
        }
        Map<LabelNode, Integer> at = new HashMap<>();
        AbstractInsnNode[] code = b.instructions.toArray();
        for (int i = 0; i < code.length; i++) {
            if (code[i] instanceof LabelNode) {
                at.put((LabelNode) code[i], i);
            }
        }
        for (int i = 0; i < code.length; i++) {
            int op = code[i].getOpcode();
            if (op == INVOKEDYNAMIC || op == MONITORENTER || op == MONITOREXIT || op == JSR || op == RET) {
                return false;
            }
            for (LabelNode target : targets(code[i])) {
                if (at.get(target) <= i) {
                    return false; // a loop
                }
            }
        }
        return returnsFromEmptyStack(owner, b);
    }

    /** Whether every return leaves nothing on the stack but its value, so that a jump may replace it. */
    private static boolean returnsFromEmptyStack(String owner, MethodNode b) {
        Frame<BasicValue>[] frames;
        try {
            frames = new Analyzer<>(new BasicInterpreter()).analyze(owner, b);
        } catch (AnalyzerException e) {
            return false;
        }
        AbstractInsnNode[] code = b.instructions.toArray();
        for (int i = 0; i < code.length; i++) {
            int op = code[i].getOpcode();
            if (frames[i] != null && op >= IRETURN && op <= RETURN
                    && frames[i].getStackSize() != (op == RETURN ? 0 : 1)) {
                return false;
            }
        }
        return true;
    }

    /** @return the labels an instruction may jump to: a jump's, a switch's cases and default; none for others */
    public static List<LabelNode> targets(AbstractInsnNode insn) {
        List<LabelNode> out = new ArrayList<>();
        if (insn instanceof JumpInsnNode) {
            out.add(((JumpInsnNode) insn).label);
        } else if (insn instanceof TableSwitchInsnNode) {
            out.add(((TableSwitchInsnNode) insn).dflt);
            out.addAll(((TableSwitchInsnNode) insn).labels);
        } else if (insn instanceof LookupSwitchInsnNode) {
            out.add(((LookupSwitchInsnNode) insn).dflt);
            out.addAll(((LookupSwitchInsnNode) insn).labels);
        }
        return out;
    }

    private static int size(MethodNode b) {
        int n = 0;
        for (AbstractInsnNode insn : b.instructions) {
            if (insn.getOpcode() >= 0) {
                n++;
            }
        }
        return n;
    }

    private static boolean writes(MethodNode mn, int slot) {
        return writes(mn, slot, ASTORE);
    }

    /** @return whether a method stores into a local with {@code store}, or increments it */
    private static boolean writes(MethodNode mn, int slot, int store) {
        for (AbstractInsnNode insn : mn.instructions) {
            if (insn.getOpcode() == store && ((VarInsnNode) insn).var == slot
                    || insn instanceof IincInsnNode && ((IincInsnNode) insn).var == slot) {
                return true;
            }
        }
        return false;
    }

    /** @return the receiver of a call, on the stack before it */
    private static SourceValue receiver(MethodInsnNode call, Sources sources) {
        return sources.operand(call, 0, Type.getArgumentTypes(call.desc).length + 1);
    }

    private void inline(MethodInsnNode call, Target t, Sources sources) {
        MethodNode b = t.body;
        int base = m.maxLocals;
        String key = key(t.declaring, b.name, b.desc);
        Set<String> within = new HashSet<>(chain.getOrDefault(call, Set.of()));
        within.add(key);
        InsnList code = new InsnList();
        boolean isStatic = (b.access & ACC_STATIC) != 0;
        Type[] args = Type.getArgumentTypes(b.desc);
        int[] slots = new int[args.length];
        int next = isStatic ? 0 : 1;
        for (int k = 0; k < args.length; k++) {
            slots[k] = next;
            next += args[k].getSize();
        }
        int[] held = readFrom(call, b, args, slots);
        for (int k = args.length - 1; k >= 0; k--) {
            if (held[k] >= 0) {
                code.add(new InsnNode(POP));
            } else {
                held[k] = base + slots[k];
                code.add(new VarInsnNode(args[k].getOpcode(ISTORE), held[k]));
            }
        }
        Map<Integer, Integer> renamed = new HashMap<>();
        for (int k = 0; k < args.length; k++) {
            if (held[k] != base + slots[k]) {
                renamed.put(slots[k], held[k]);
            }
        }
        LabelNode slow = null;
        if (!isStatic) {
            if (t.exact && !t.declaring.equals(call.owner)) {
                // what the verifier knows of the receiver may be only the interface the call names
                TypeInsnNode cast = new TypeInsnNode(CHECKCAST, t.declaring);
                code.add(cast);
                origin.put(cast, key);
            }
            code.add(new VarInsnNode(ASTORE, base));
            if (t.guard != null) {
                // the call would have thrown on a null receiver; so does the guard's getClass
                slow = new LabelNode();
                guard(code, base, t.guard, slow, key);
            } else if (t.allocation == null && !t.exact && !knownNonNull(receiver(call, sources))) {
                // the call would have thrown on a null receiver; so does Object.getClass, as javac's own checks do
                code.add(new VarInsnNode(ALOAD, base));
                code.add(new MethodInsnNode(INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;"));
                code.add(new InsnNode(POP));
            }
            nonNull.add(base);
        }
        LabelNode end = new LabelNode();
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (AbstractInsnNode insn : b.instructions) {
            if (insn instanceof LabelNode) {
                labels.put((LabelNode) insn, new LabelNode());
            }
        }
        AbstractInsnNode last = lastInstruction(b);
        for (AbstractInsnNode insn : b.instructions) {
            AbstractInsnNode copy = copy(insn, base, renamed, labels, insn == last, end);
            if (copy == null) {
                continue;
            }
            code.add(copy);
            origin.put(copy, key);
            if (copy instanceof MethodInsnNode) {
                chain.put(copy, within);
            }
        }
        if (slow != null) {
            keepCall(code, call, base, args, held, last, end, slow);
            guarded.put(key, t.guard);
        }
        code.add(end);
        m.instructions.insert(call, code);
        m.instructions.remove(call);
        m.maxLocals = Math.max(m.maxLocals, base + Math.max(b.maxLocals, next));
        m.maxStack += b.maxStack + 2 + next;
        growth += size(b);
        inlined.merge(key, 1, Integer::sum);
        if (t.allocation != null) {
            constructed.putIfAbsent(t.allocation, key);
        }
    }

    /** Jumps to {@code slow} unless the receiver in local {@code base} is exactly of class {@code guard}. */
    private void guard(InsnList code, int base, String guard, LabelNode slow, String key) {
        AbstractInsnNode[] test = {
            new VarInsnNode(ALOAD, base),
            new MethodInsnNode(INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;"),
            new LdcInsnNode(Type.getObjectType(guard)),
            new JumpInsnNode(IF_ACMPNE, slow)
        };
        for (AbstractInsnNode insn : test) {
            code.add(insn);
            origin.put(insn, key); // the class must be visible where the code lands, as the body's members must
        }
    }

    /**
     * Ends a guarded body: after it, the guard's other branch, which makes the call as it was on the receiver and
     * arguments the body received. That call keeps its place in the chain of inlined calls and is not inlined again.
     */
    private void keepCall(InsnList code, MethodInsnNode call, int base, Type[] args, int[] held,
                          AbstractInsnNode last, LabelNode end, LabelNode slow) {
        int op = last == null ? -1 : last.getOpcode();
        if (op >= IRETURN && op <= RETURN) {
            code.add(new JumpInsnNode(GOTO, end)); // the body's last return fell through to the end
        }
        code.add(slow);
        code.add(new VarInsnNode(ALOAD, base));
        for (int k = 0; k < args.length; k++) {
            code.add(new VarInsnNode(args[k].getOpcode(ILOAD), held[k]));
        }
        MethodInsnNode again = (MethodInsnNode) call.clone(Map.of());
        code.add(again);
        kept.add(again);
        if (origin.containsKey(call)) {
            origin.put(again, origin.get(call));
        }
        if (chain.containsKey(call)) {
            chain.put(again, chain.get(call));
        }
    }

    private boolean knownNonNull(SourceValue receiver) {
        if (receiver.insns.size() != 1) {
            return false;
        }
        AbstractInsnNode p = receiver.insns.iterator().next();
        return p.getOpcode() == ALOAD && nonNull.contains(((VarInsnNode) p).var) || p.getOpcode() == NEW;
    }

    private static AbstractInsnNode lastInstruction(MethodNode b) {
        for (AbstractInsnNode insn = b.instructions.getLast(); insn != null; insn = insn.getPrevious()) {
            if (insn.getOpcode() >= 0) {
                return insn;
            }
        }
        return null;
    }

    /**
     * The caller's locals that the body may read its arguments from, instead of a copy of its own: an int or a
     * reference pushed by a load of the caller's local right before the call (after it only such loads and
     * constants), which the body never writes. A copy made in a loop would be a local written per iteration, whose
     * old value the pullback restores from the tape (a reference, with its shadow looked up, per iteration); the
     * caller's own local is often written once, outside the loop.
     *
     * @return per argument, the caller's local, or -1 where the body keeps its copy
     */
    private static int[] readFrom(MethodInsnNode call, MethodNode body, Type[] args, int[] slots) {
        int[] held = new int[args.length];
        Arrays.fill(held, -1);
        AbstractInsnNode at = call.getPrevious();
        for (int k = args.length - 1; k >= 0; k--) {
            while (at instanceof LineNumberNode) {
                at = at.getPrevious();
            }
            if (at == null || !pushesOneValue(at)) {
                break;
            }
            int sort = args[k].getSort();
            if (at.getOpcode() == (sort == Type.INT ? ILOAD : ALOAD) && (sort == Type.INT || sort == Type.OBJECT
                    || sort == Type.ARRAY) && !writes(body, slots[k], sort == Type.INT ? ISTORE : ASTORE)) {
                held[k] = ((VarInsnNode) at).var;
            }
            at = at.getPrevious();
        }
        return held;
    }

    /** @return whether an instruction only pushes one value of one slot, touching nothing else */
    private static boolean pushesOneValue(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == ILOAD || op == FLOAD || op == ALOAD || op >= ACONST_NULL && op <= ICONST_5
                || op == FCONST_0 || op == FCONST_1 || op == FCONST_2 || op == BIPUSH || op == SIPUSH
                || op == LDC && !(((LdcInsnNode) insn).cst instanceof Long || ((LdcInsnNode) insn).cst instanceof Double);
    }

    /** @return the instruction as the caller holds it, or {@code null} for one it drops */
    private static AbstractInsnNode copy(AbstractInsnNode insn, int base, Map<Integer, Integer> renamed,
                                         Map<LabelNode, LabelNode> labels, boolean last, LabelNode end) {
        switch (insn.getType()) {
            case AbstractInsnNode.LINE:
            case AbstractInsnNode.FRAME:
                return null;
            case AbstractInsnNode.VAR_INSN:
                int var = ((VarInsnNode) insn).var;
                return new VarInsnNode(insn.getOpcode(), renamed.getOrDefault(var, var + base));
            case AbstractInsnNode.IINC_INSN:
                return new IincInsnNode(((IincInsnNode) insn).var + base, ((IincInsnNode) insn).incr);
            default:
                int op = insn.getOpcode();
                if (op >= IRETURN && op <= RETURN) {
                    return last ? null : new JumpInsnNode(GOTO, end);
                }
                return insn.clone(labels);
        }
    }
}
