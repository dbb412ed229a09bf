package dev.adjoint.internal.outline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * One stretch of a method made into a private static method of its own (the piece), and the call that replaces it.
 *
 * <p>The piece takes the locals live on entry that the stretch uses as arguments. It gives back the locals it
 * writes that are live after it: one as its result, several through carriers, a {@code long[]} for primitives (as
 * raw bits) and an {@code Object[]} for references, that the caller allocates once per call of itself. Where a
 * handler of the caller covers the stretch, the piece also saves the locals that handler reads when an exception
 * leaves it, and the caller restores them before going to its handler: an exception sees the locals as they were
 * when it was thrown, as it would have without the cut.
 */
final class Piece {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");
    private static final String NULL = "null";

    /** The locals the call passes, gives back, and restores when an exception leaves the piece. */
    final List<Local> arguments = new ArrayList<>();
    final List<Local> results = new ArrayList<>();
    final List<Local> saved = new ArrayList<>();
    /** The caller's handlers whose range covers the stretch, in the caller's order. */
    final List<TryCatchBlockNode> handlers = new ArrayList<>();
    private final Flow flow;
    private final Region.Stretch stretch;
    /** The type of the value the stretch leaves on the stack, or {@code null}. */
    private final Type value;

    /** A local of the caller and its type there. */
    record Local(int var, Type type) {
        boolean isNull() {
            return type.getSort() == Type.OBJECT && NULL.equals(type.getInternalName());
        }

        boolean isReference() {
            return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
        }
    }

    Piece(Flow flow, Region.Stretch stretch) throws AnalyzerException {
        this.flow = flow;
        this.stretch = stretch;
        for (int h : flow.handlersAt(stretch.start())) {
            handlers.add(flow.method.tryCatchBlocks.get(h));
        }
        BitSet used = new BitSet();
        BitSet written = new BitSet();
        for (int k = stretch.start(); k <= stretch.last(); k++) {
            int var = Region.var(flow.insns[k]);
            if (var >= 0) {
                used.set(var);
                int op = flow.insns[k].getOpcode();
                if ((op >= Opcodes.ISTORE && op <= Opcodes.ASTORE) || op == Opcodes.IINC) {
                    written.set(var);
                }
            }
        }
        BitSet in = flow.liveAt(stretch.start());
        in.and(used);
        BitSet out = flow.liveAt(stretch.end());
        out.and(written);
        Frame<BasicValue> before = flow.frameAt(stretch.start());
        Frame<BasicValue> after = flow.frameAt(stretch.end());
        value = stretch.value() ? after.getStack(after.getStackSize() - 1).getType() : null;
        collect(in, before, arguments);
        collect(out, after, results);
        BitSet handled = new BitSet();
        List<Integer> covering = flow.handlersAt(stretch.start());
        for (int h : covering) {
            handled.or(flow.liveAtHandler(h));
        }
        handled.and(written);
        if (!handled.isEmpty()) {
            collect(handled, flow.handlerFrame(covering.get(0)), saved);
        }
    }

    private static void collect(BitSet vars, Frame<BasicValue> frame, List<Local> out) {
        for (int v = vars.nextSetBit(0); v >= 0; v = vars.nextSetBit(v + 1)) {
            Type t = frame.getLocal(v).getType();
            if (t == null) {
                throw new IllegalStateException("local " + v + " has no type where the method is cut");
            }
            out.add(new Local(v, t));
        }
    }

    /** @return whether the piece can be called: few enough argument slots, and every local has one kind */
    boolean isCallable() {
        if (value != null && (value.getSort() == Type.OBJECT && NULL.equals(value.getInternalName()))) {
            return false;
        }
        int slots = 0;
        for (Local a : arguments) {
            slots += a.isNull() ? 0 : a.type().getSize();
        }
        for (Local s : saved) {
            Local a = arguments.stream().filter(x -> x.var() == s.var()).findFirst().orElse(null);
            if (a == null || a.type().getSort() != s.type().getSort() && !(a.isReference() && s.isReference())) {
                return false;
            }
        }
        return slots + 2 <= Region.MAX_ARGUMENT_SLOTS + 10;
    }

    /** @return whether the piece gives back exactly one value as its result */
    boolean returnsOne() {
        return value == null && results.size() == 1 && saved.isEmpty() && !results.get(0).isNull();
    }

    int primitivesCarried() {
        return returnsOne() ? 0 : Math.max(count(results, false), count(saved, false));
    }

    int referencesCarried() {
        return returnsOne() ? 0 : Math.max(count(results, true), count(saved, true));
    }

    private static int count(List<Local> locals, boolean references) {
        int n = 0;
        for (Local l : locals) {
            n += !l.isNull() && l.isReference() == references ? 1 : 0;
        }
        return n;
    }

    String descriptor() {
        List<Type> params = new ArrayList<>();
        for (Local a : arguments) {
            if (!a.isNull()) {
                params.add(a.type());
            }
        }
        if (primitivesCarried() > 0) {
            params.add(Type.getType(long[].class));
        }
        if (referencesCarried() > 0) {
            params.add(Type.getType(Object[].class));
        }
        Type ret = value != null ? value : returnsOne() ? results.get(0).type() : Type.VOID_TYPE;
        return Type.getMethodDescriptor(ret, params.toArray(new Type[0]));
    }

    // ---------------------------------------------------------------- the piece

    /** Builds the piece's method. */
    MethodNode method(String name) {
        MethodNode m = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                name, descriptor(), null, null);
        Map<Integer, Integer> slots = new HashMap<>();
        int next = 0;
        for (Local a : arguments) {
            if (!a.isNull()) {
                slots.put(a.var(), next);
                next += a.type().getSize();
            }
        }
        int longs = primitivesCarried() > 0 ? next++ : -1;
        int refs = referencesCarried() > 0 ? next++ : -1;
        InsnList body = m.instructions;
        for (Local a : arguments) {
            if (a.isNull()) {
                slots.put(a.var(), next);
                body.add(new InsnNode(Opcodes.ACONST_NULL));
                body.add(new VarInsnNode(Opcodes.ASTORE, next++));
            }
        }
        LabelNode start = new LabelNode();
        LabelNode exit = new LabelNode();
        body.add(start);
        int line = lineBefore(stretch.start());
        if (line > 0) {
            body.add(new LineNumberNode(line, start));
        }
        Map<LabelNode, LabelNode> labels = labels(exit);
        for (int k = stretch.start(); k <= stretch.last(); k++) {
            AbstractInsnNode insn = flow.insns[k];
            if (insn.getType() == AbstractInsnNode.FRAME) {
                continue;
            }
            if (insn instanceof LineNumberNode && !labels.containsKey(((LineNumberNode) insn).start)) {
                continue;
            }
            AbstractInsnNode copy = insn.clone(labels);
            int var = Region.var(copy);
            if (var >= 0) {
                Integer slot = slots.get(var);
                if (slot == null) {
                    slot = next;
                    slots.put(var, slot);
                    next += 2;
                }
                if (copy instanceof VarInsnNode) {
                    ((VarInsnNode) copy).var = slot;
                } else {
                    ((IincInsnNode) copy).var = slot;
                }
            }
            body.add(copy);
        }
        body.add(exit);
        if (returnsOne()) {
            Local r = results.get(0);
            body.add(new VarInsnNode(r.type().getOpcode(Opcodes.ILOAD), slots.get(r.var())));
            body.add(new InsnNode(r.type().getOpcode(Opcodes.IRETURN)));
        } else {
            store(body, results, slots, longs, refs);
            body.add(new InsnNode(value != null ? value.getOpcode(Opcodes.IRETURN) : Opcodes.RETURN));
        }
        if (!saved.isEmpty()) {
            LabelNode handler = new LabelNode();
            body.add(handler);
            store(body, saved, slots, longs, refs);
            body.add(new InsnNode(Opcodes.ATHROW));
            m.tryCatchBlocks.add(new TryCatchBlockNode(start, exit, handler, null));
        }
        return m;
    }

    /** Inner labels get copies; a jump to where the stretch ends goes to the piece's exit. */
    private Map<LabelNode, LabelNode> labels(LabelNode exit) {
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (int k = stretch.start(); k <= stretch.last(); k++) {
            if (flow.insns[k] instanceof LabelNode) {
                labels.put((LabelNode) flow.insns[k], new LabelNode());
            }
        }
        for (int k = stretch.last() + 1; k < stretch.end(); k++) {
            if (flow.insns[k] instanceof LabelNode) {
                labels.put((LabelNode) flow.insns[k], exit);
            }
        }
        return labels;
    }

    private int lineBefore(int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (flow.insns[k] instanceof LineNumberNode) {
                return ((LineNumberNode) flow.insns[k]).line;
            }
        }
        return -1;
    }

    /** Writes locals to the carriers, primitives as raw bits. */
    private static void store(InsnList body, List<Local> locals, Map<Integer, Integer> slots, int longs, int refs) {
        int p = 0;
        int r = 0;
        for (Local l : locals) {
            if (l.isNull()) {
                continue;
            }
            boolean ref = l.isReference();
            body.add(new VarInsnNode(Opcodes.ALOAD, ref ? refs : longs));
            body.add(CodeSize.constant(ref ? r++ : p++));
            body.add(new VarInsnNode(l.type().getOpcode(Opcodes.ILOAD), slots.get(l.var())));
            toBits(body, l.type());
            body.add(new InsnNode(ref ? Opcodes.AASTORE : Opcodes.LASTORE));
        }
    }

    // ---------------------------------------------------------------- the call

    /** @return the instructions that replace the stretch in the caller */
    InsnList call(String owner, String name, int longs, int refs, LabelNode callStart, LabelNode callEnd) {
        InsnList call = new InsnList();
        for (Local a : arguments) {
            if (!a.isNull()) {
                call.add(new VarInsnNode(a.type().getOpcode(Opcodes.ILOAD), a.var()));
            }
        }
        if (primitivesCarried() > 0) {
            call.add(new VarInsnNode(Opcodes.ALOAD, longs));
        }
        if (referencesCarried() > 0) {
            call.add(new VarInsnNode(Opcodes.ALOAD, refs));
        }
        call.add(callStart);
        call.add(new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, descriptor(), false));
        call.add(callEnd);
        if (returnsOne()) {
            Local r = results.get(0);
            call.add(new VarInsnNode(r.type().getOpcode(Opcodes.ISTORE), r.var()));
        } else {
            load(call, results, longs, refs);
        }
        return call;
    }

    /**
     * @return the instructions that restore the saved locals and throw the exception again between
     *         {@code rethrowStart} and {@code rethrowEnd}, which the caller covers with an entry to its handler: a
     *         jump into the handler would make it reachable by normal control flow, and C1 refuses to compile such
     *         a method (it then runs interpreted until C2 takes it, after thousands of calls)
     */
    InsnList restore(LabelNode stub, LabelNode rethrowStart, LabelNode rethrowEnd, int longs, int refs) {
        InsnList out = new InsnList();
        out.add(stub);
        load(out, saved, longs, refs);
        out.add(rethrowStart);
        out.add(new InsnNode(Opcodes.ATHROW));
        out.add(rethrowEnd);
        return out;
    }

    /** Reads locals back from the carriers into the caller's slots. */
    private static void load(InsnList out, List<Local> locals, int longs, int refs) {
        int p = 0;
        int r = 0;
        for (Local l : locals) {
            if (l.isNull()) {
                out.add(new InsnNode(Opcodes.ACONST_NULL));
                out.add(new VarInsnNode(Opcodes.ASTORE, l.var()));
                continue;
            }
            boolean ref = l.isReference();
            out.add(new VarInsnNode(Opcodes.ALOAD, ref ? refs : longs));
            out.add(CodeSize.constant(ref ? r++ : p++));
            if (ref) {
                out.add(new InsnNode(Opcodes.AALOAD));
                if (!l.type().equals(OBJECT)) {
                    out.add(new TypeInsnNode(Opcodes.CHECKCAST, l.type().getInternalName()));
                }
            } else {
                out.add(new InsnNode(Opcodes.LALOAD));
                fromBits(out, l.type());
            }
            out.add(new VarInsnNode(l.type().getOpcode(Opcodes.ISTORE), l.var()));
        }
    }

    private static void toBits(InsnList out, Type t) {
        switch (t.getSort()) {
            case Type.DOUBLE:
                out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits",
                        "(D)J", false));
                break;
            case Type.FLOAT:
                out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Float", "floatToRawIntBits",
                        "(F)I", false));
                out.add(new InsnNode(Opcodes.I2L));
                break;
            case Type.LONG:
            case Type.OBJECT:
            case Type.ARRAY:
                break;
            default:
                out.add(new InsnNode(Opcodes.I2L));
        }
    }

    private static void fromBits(InsnList out, Type t) {
        switch (t.getSort()) {
            case Type.DOUBLE:
                out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Double", "longBitsToDouble",
                        "(J)D", false));
                break;
            case Type.FLOAT:
                out.add(new InsnNode(Opcodes.L2I));
                out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Float", "intBitsToFloat",
                        "(I)F", false));
                break;
            case Type.LONG:
                break;
            default:
                out.add(new InsnNode(Opcodes.L2I));
        }
    }
}
