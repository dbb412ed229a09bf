package dev.adjoint.internal.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

import dev.adjoint.internal.ir.Preparation;

/**
 * A stream pipeline of numbers written as one expression ({@code IntStream.range(0, n).mapToDouble(i -> f(x, i))
 * .sum()}, {@code Arrays.stream(x).map(v -> v * v).sum()}) becomes the loop the JDK runs for it, before anything
 * else sees the method: the source's bounds and the stages' functions are kept in locals where the pipeline made
 * them, and the terminal operation is a loop that calls each function per element, in the JDK's order, and sums
 * with the JDK's compensation ({@link CompensatedSum}'s arithmetic, so the value is the JDK's bit for bit). A function
 * written as a lambda or a method reference in the same expression is called directly (its body, or the referenced
 * method, with the captured values as arguments), so inlining (design §16b) can make the pipeline one loop; any
 * other function is called through its interface. What the engine's stream substitutes would do per element
 * (a call of the mapper's derivative code through its dispatch site, a sink per stage) is gone.
 *
 * <p>Only a pipeline whose streams never leave the expression is fused: each stream is made by one call and
 * consumed by the next, with no branch in between and no copy of it kept. Anything else keeps the substitutes.
 */
public final class StreamFusion {

    private static final String INT_STREAM = "java/util/stream/IntStream";
    private static final String DOUBLE_STREAM = "java/util/stream/DoubleStream";
    private static final String FUNCTION = "java/util/function/";
    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    /** Where an element is when it is on the operand stack, not in a local. */
    private static final int ON_STACK = -1;

    /** What a call of the pipeline is, and for a stage or terminal with a function, that function's interface. */
    private enum Op {
        RANGE(true, null, null, null),
        RANGE_CLOSED(true, null, null, null),
        ARRAY(false, null, null, null),
        INT_MAP(true, "IntUnaryOperator", "applyAsInt", "(I)I"),
        INT_FILTER(true, "IntPredicate", "test", "(I)Z"),
        INT_PEEK(true, "IntConsumer", "accept", "(I)V"),
        MAP_TO_DOUBLE(true, "IntToDoubleFunction", "applyAsDouble", "(I)D"),
        AS_DOUBLE(true, null, null, null),
        MAP(false, "DoubleUnaryOperator", "applyAsDouble", "(D)D"),
        FILTER(false, "DoublePredicate", "test", "(D)Z"),
        PEEK(false, "DoubleConsumer", "accept", "(D)V"),
        SUM(false, null, null, null),
        REDUCE(false, "DoubleBinaryOperator", "applyAsDouble", "(DD)D");

        /** Whether the elements it takes are ints (else doubles; a source's are what it makes). */
        final boolean takesInts;
        final String function;
        final String sam;
        final String samDesc;

        Op(boolean takesInts, String function, String sam, String samDesc) {
            this.takesInts = takesInts;
            this.function = function == null ? null : FUNCTION + function;
            this.sam = sam;
            this.samDesc = samDesc;
        }

        boolean isSource() {
            return this == RANGE || this == RANGE_CLOSED || this == ARRAY;
        }

        /** @return whether the elements it gives are ints */
        boolean givesInts() {
            return this == RANGE || this == RANGE_CLOSED || this == INT_MAP || this == INT_FILTER || this == INT_PEEK;
        }
    }

    private StreamFusion() {
    }

    private static Op opOf(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode)) {
            return null;
        }
        MethodInsnNode mi = (MethodInsnNode) insn;
        String key = mi.owner + "." + mi.name + mi.desc;
        boolean isStatic = mi.getOpcode() == Opcodes.INVOKESTATIC;
        switch (key) {
            case INT_STREAM + ".range(II)L" + INT_STREAM + ";":
                return isStatic ? Op.RANGE : null;
            case INT_STREAM + ".rangeClosed(II)L" + INT_STREAM + ";":
                return isStatic ? Op.RANGE_CLOSED : null;
            case "java/util/Arrays.stream([D)L" + DOUBLE_STREAM + ";":
            case DOUBLE_STREAM + ".of([D)L" + DOUBLE_STREAM + ";":
                return isStatic ? Op.ARRAY : null;
            default:
                break;
        }
        if (mi.getOpcode() != Opcodes.INVOKEINTERFACE) {
            return null;
        }
        switch (key) {
            case INT_STREAM + ".map(L" + FUNCTION + "IntUnaryOperator;)L" + INT_STREAM + ";":
                return Op.INT_MAP;
            case INT_STREAM + ".filter(L" + FUNCTION + "IntPredicate;)L" + INT_STREAM + ";":
                return Op.INT_FILTER;
            case INT_STREAM + ".peek(L" + FUNCTION + "IntConsumer;)L" + INT_STREAM + ";":
                return Op.INT_PEEK;
            case INT_STREAM + ".mapToDouble(L" + FUNCTION + "IntToDoubleFunction;)L" + DOUBLE_STREAM + ";":
                return Op.MAP_TO_DOUBLE;
            case INT_STREAM + ".asDoubleStream()L" + DOUBLE_STREAM + ";":
                return Op.AS_DOUBLE;
            case DOUBLE_STREAM + ".map(L" + FUNCTION + "DoubleUnaryOperator;)L" + DOUBLE_STREAM + ";":
                return Op.MAP;
            case DOUBLE_STREAM + ".filter(L" + FUNCTION + "DoublePredicate;)L" + DOUBLE_STREAM + ";":
                return Op.FILTER;
            case DOUBLE_STREAM + ".peek(L" + FUNCTION + "DoubleConsumer;)L" + DOUBLE_STREAM + ";":
                return Op.PEEK;
            case DOUBLE_STREAM + ".sum()D":
                return Op.SUM;
            case DOUBLE_STREAM + ".reduce(DL" + FUNCTION + "DoubleBinaryOperator;)D":
                return Op.REDUCE;
            default:
                return null;
        }
    }

    /** One call of a pipeline, and the lambda it takes when that is made by the call's own argument. */
    private static final class Link {
        final MethodInsnNode call;
        final Op op;
        /** The {@code invokedynamic} that makes the function, called directly instead; or null. */
        InvokeDynamicInsnNode lambda;

        Link(MethodInsnNode call, Op op) {
            this.call = call;
            this.op = op;
        }
    }

    /**
     * Fuses the pipelines of a method.
     *
     * @param owner the internal name of the method's class
     * @param m     the method, edited in place
     * @return one line per pipeline fused, for the listing
     */
    public static List<String> fuse(String owner, MethodNode m) {
        List<MethodInsnNode> ends = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            Op op = opOf(insn);
            if (op == Op.SUM || op == Op.REDUCE) {
                ends.add((MethodInsnNode) insn);
            }
        }
        if (ends.isEmpty()) {
            return List.of();
        }
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, m);
        } catch (AnalyzerException e) {
            return List.of();
        }
        List<List<Link>> pipelines = new ArrayList<>();
        for (MethodInsnNode end : ends) {
            List<Link> pipeline = pipeline(owner, m, frames, end);
            if (pipeline != null) {
                pipelines.add(pipeline);
            }
        }
        if (pipelines.isEmpty()) {
            return List.of();
        }
        MethodNode before = Preparation.copy(m);
        List<String> notes = new ArrayList<>();
        for (List<Link> pipeline : pipelines) {
            notes.add(new Rewrite(owner, m, pipeline).apply());
        }
        try {
            new Analyzer<>(new BasicInterpreter()).analyze(owner, m);
        } catch (AnalyzerException e) {
            Preparation.restore(m, before);
            return List.of();
        }
        return notes;
    }

    // ---- recognising a pipeline ----

    /** @return the calls from source to {@code end}, or null when they are not one fusable expression */
    private static List<Link> pipeline(String owner, MethodNode m, Frame<SourceValue>[] frames, MethodInsnNode end) {
        List<Link> links = new ArrayList<>();
        AbstractInsnNode at = end;
        Op op = opOf(end);
        while (true) {
            Link link = new Link((MethodInsnNode) at, op);
            Frame<SourceValue> f = frames[m.instructions.indexOf(at)];
            if (f == null) {
                return null;
            }
            if (op.function != null) {
                link.lambda = lambda(owner, f.getStack(f.getStackSize() - 1), at, op);
            }
            links.add(0, link);
            if (op.isSource()) {
                break;
            }
            int arguments = Type.getArgumentTypes(((MethodInsnNode) at).desc).length;
            SourceValue receiver = f.getStack(f.getStackSize() - arguments - 1);
            if (receiver.insns.size() != 1) {
                return null;
            }
            AbstractInsnNode made = receiver.insns.iterator().next();
            Op previous = opOf(made);
            if (previous == null || previous == Op.SUM || previous == Op.REDUCE || previous.givesInts() != op.takesInts) {
                return null;
            }
            at = made;
            op = previous;
        }
        return straight(m, frames, links) ? links : null;
    }

    /**
     * @return whether the code from the source to the end has no branch and no jump into it, and touches the
     *         streams only by the pipeline's calls: no copy, store or other use of one
     */
    private static boolean straight(MethodNode m, Frame<SourceValue>[] frames, List<Link> links) {
        Set<AbstractInsnNode> calls = new HashSet<>();
        for (Link l : links) {
            calls.add(l.call);
        }
        Set<LabelNode> targets = targets(m);
        int from = m.instructions.indexOf(links.get(0).call);
        int to = m.instructions.indexOf(links.get(links.size() - 1).call);
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            AbstractInsnNode insn = m.instructions.get(i);
            if (insn instanceof JumpInsnNode || insn instanceof TableSwitchInsnNode
                    || insn instanceof LookupSwitchInsnNode || insn.getOpcode() == Opcodes.ATHROW
                    || insn instanceof LabelNode && targets.contains(insn)) {
                return false;
            }
            if (i > from && !calls.contains(insn) && !untouched(insn, frames[i], frames[i + 1], calls)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether an instruction leaves every stream of the pipeline where it was, and copies none */
    private static boolean untouched(AbstractInsnNode insn, Frame<SourceValue> before, Frame<SourceValue> after,
                                     Set<AbstractInsnNode> calls) {
        if (before == null || after == null) {
            return false;
        }
        int op = insn.getOpcode();
        if (op >= Opcodes.DUP && op <= Opcodes.SWAP) {
            // a copy of a stream would be made by the DUP, not by the pipeline's call
            for (int p = Math.max(0, before.getStackSize() - 4); p < before.getStackSize(); p++) {
                if (madeBy(before.getStack(p), calls)) {
                    return false;
                }
            }
        }
        for (int p = 0; p < Math.max(before.getStackSize(), after.getStackSize()); p++) {
            SourceValue was = p < before.getStackSize() ? before.getStack(p) : null;
            SourceValue is = p < after.getStackSize() ? after.getStack(p) : null;
            boolean stream = was != null && madeBy(was, calls) || is != null && madeBy(is, calls);
            if (stream && (was == null || is == null || !was.insns.equals(is.insns))) {
                return false;
            }
        }
        for (int l = 0; l < after.getLocals(); l++) {
            if (madeBy(after.getLocal(l), calls)) {
                return false;
            }
        }
        return true;
    }

    private static boolean madeBy(SourceValue v, Set<AbstractInsnNode> calls) {
        for (AbstractInsnNode insn : v.insns) {
            if (calls.contains(insn)) {
                return true;
            }
        }
        return false;
    }

    private static Set<LabelNode> targets(MethodNode m) {
        Set<LabelNode> out = new HashSet<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof JumpInsnNode) {
                out.add(((JumpInsnNode) insn).label);
            } else if (insn instanceof TableSwitchInsnNode) {
                out.add(((TableSwitchInsnNode) insn).dflt);
                out.addAll(((TableSwitchInsnNode) insn).labels);
            } else if (insn instanceof LookupSwitchInsnNode) {
                out.add(((LookupSwitchInsnNode) insn).dflt);
                out.addAll(((LookupSwitchInsnNode) insn).labels);
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            out.add(t.handler);
        }
        return out;
    }

    /**
     * @return the lambda that the call's function argument is, when it is made right before the call by a
     *         {@code LambdaMetafactory} site whose body can be called directly with the element; else null
     */
    private static InvokeDynamicInsnNode lambda(String owner, SourceValue function, AbstractInsnNode call, Op op) {
        if (function.insns.size() != 1) {
            return null;
        }
        AbstractInsnNode made = function.insns.iterator().next();
        if (!(made instanceof InvokeDynamicInsnNode) || next(made) != call) {
            return null;
        }
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) made;
        if (!METAFACTORY.equals(indy.bsm.getOwner()) || !"metafactory".equals(indy.bsm.getName())
                || !indy.name.equals(op.sam) || !(indy.bsmArgs[1] instanceof Handle)) {
            return null;
        }
        return DirectCall.of(owner, indy, op) == null ? null : indy;
    }

    private static AbstractInsnNode next(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n != null && (n instanceof LabelNode || n instanceof LineNumberNode)) {
            n = n.getNext();
        }
        return n;
    }

    /**
     * A lambda's body called as a method: the captured values first (the receiver, for an instance method), then
     * the function's arguments, widened where the lambda widens them.
     */
    private static final class DirectCall {
        final int opcode;
        final Handle body;
        final Type[] captured;
        final Type[] parameters;

        private DirectCall(int opcode, Handle body, Type[] captured, Type[] parameters) {
            this.opcode = opcode;
            this.body = body;
            this.captured = captured;
            this.parameters = parameters;
        }

        static DirectCall of(String owner, InvokeDynamicInsnNode indy, Op op) {
            Handle body = (Handle) indy.bsmArgs[1];
            Type[] captured = Type.getArgumentTypes(indy.desc);
            Type[] bodyParameters = Type.getArgumentTypes(body.getDesc());
            int opcode;
            int receiver;
            switch (body.getTag()) {
                case Opcodes.H_INVOKESTATIC:
                    opcode = Opcodes.INVOKESTATIC;
                    receiver = 0;
                    break;
                case Opcodes.H_INVOKEVIRTUAL:
                    opcode = Opcodes.INVOKEVIRTUAL;
                    receiver = 1;
                    break;
                case Opcodes.H_INVOKEINTERFACE:
                    opcode = Opcodes.INVOKEINTERFACE;
                    receiver = 1;
                    break;
                case Opcodes.H_INVOKESPECIAL:
                    // a private instance method of the class itself (a lambda's body that uses this)
                    if (!body.getOwner().equals(owner)) {
                        return null;
                    }
                    opcode = Opcodes.INVOKESPECIAL;
                    receiver = 1;
                    break;
                default:
                    return null;
            }
            Type[] sam = Type.getArgumentTypes(op.samDesc);
            if (captured.length < receiver || captured.length - receiver + sam.length != bodyParameters.length) {
                return null;
            }
            if (receiver == 1 && captured[0].getSort() != Type.OBJECT) {
                return null;
            }
            for (int i = receiver; i < captured.length; i++) {
                if (!captured[i].equals(bodyParameters[i - receiver])) {
                    return null;
                }
            }
            Type[] parameters = new Type[sam.length];
            for (int i = 0; i < sam.length; i++) {
                parameters[i] = bodyParameters[captured.length - receiver + i];
                if (widening(sam[i], parameters[i]) < 0) {
                    return null;
                }
            }
            Type returned = Type.getReturnType(body.getDesc());
            Type wanted = Type.getReturnType(op.samDesc);
            if (wanted.getSort() != Type.VOID && widening(returned, wanted) < 0) {
                return null;
            }
            return new DirectCall(opcode, body, captured, parameters);
        }

        /** @return the instruction that widens {@code from} to {@code to}, {@link Opcodes#NOP} if equal, -1 if none */
        static int widening(Type from, Type to) {
            if (from.equals(to)) {
                return Opcodes.NOP;
            }
            switch (from.getSort() * 16 + to.getSort()) {
                case Type.INT * 16 + Type.LONG:
                    return Opcodes.I2L;
                case Type.INT * 16 + Type.FLOAT:
                    return Opcodes.I2F;
                case Type.INT * 16 + Type.DOUBLE:
                    return Opcodes.I2D;
                case Type.LONG * 16 + Type.FLOAT:
                    return Opcodes.L2F;
                case Type.LONG * 16 + Type.DOUBLE:
                    return Opcodes.L2D;
                case Type.FLOAT * 16 + Type.DOUBLE:
                    return Opcodes.F2D;
                default:
                    return -1;
            }
        }
    }

    // ---- writing the loop ----

    /** The rewrite of one pipeline. */
    private static final class Rewrite {
        private final String owner;
        private final MethodNode m;
        private final List<Link> links;
        /** Per link with a function: the locals of the captured values, or the one local of the function. */
        private final int[][] held;
        private int lo;
        private int hi;
        private int array = -1;

        Rewrite(String owner, MethodNode m, List<Link> links) {
            this.owner = owner;
            this.m = m;
            this.links = links;
            this.held = new int[links.size()][];
        }

        private int local(Type t) {
            int l = m.maxLocals;
            m.maxLocals += t.getSize();
            return l;
        }

        String apply() {
            StringBuilder note = new StringBuilder("fused into a loop: ");
            for (int k = 0; k < links.size(); k++) {
                Link link = links.get(k);
                InsnList in = new InsnList();
                if (link.op.isSource()) {
                    source(link, in);
                } else if (link.op.function != null) {
                    hold(k, in);
                }
                if (link.op == Op.REDUCE) {
                    in.add(new VarInsnNode(Opcodes.DSTORE, held[k][held[k].length - 1]));
                }
                if (link.op == Op.SUM || link.op == Op.REDUCE) {
                    loop(in);
                }
                m.instructions.insert(link.call, in);
                m.instructions.remove(link.call);
                note.append(k == 0 ? "" : ".").append(link.call.name)
                        .append(link.lambda == null ? "" : "(" + ((Handle) link.lambda.bsmArgs[1]).getName() + ")");
            }
            return note.toString();
        }

        private void source(Link link, InsnList in) {
            Type integer = Type.INT_TYPE;
            hi = local(integer);
            if (link.op == Op.ARRAY) {
                array = local(Type.getType(double[].class));
                in.add(new VarInsnNode(Opcodes.ASTORE, array));
                in.add(new VarInsnNode(Opcodes.ALOAD, array));
                in.add(new InsnNode(Opcodes.ARRAYLENGTH));
                in.add(new VarInsnNode(Opcodes.ISTORE, hi));
                lo = local(integer);
                in.add(new InsnNode(Opcodes.ICONST_0));
                in.add(new VarInsnNode(Opcodes.ISTORE, lo));
            } else {
                in.add(new VarInsnNode(Opcodes.ISTORE, hi));
                lo = local(integer);
                in.add(new VarInsnNode(Opcodes.ISTORE, lo));
            }
        }

        /**
         * Keeps a stage's function where the stage was called: the lambda's captured values (its
         * {@code invokedynamic} removed), or the function itself, checked for null as the JDK checks it. A reduction
         * keeps its identity after it, in the last local.
         */
        private void hold(int k, InsnList in) {
            Link link = links.get(k);
            boolean reduce = link.op == Op.REDUCE;
            if (link.lambda != null) {
                Type[] captured = Type.getArgumentTypes(link.lambda.desc);
                int[] locals = new int[captured.length + (reduce ? 1 : 0)];
                for (int i = 0; i < captured.length; i++) {
                    locals[i] = local(captured[i]);
                }
                for (int i = captured.length - 1; i >= 0; i--) {
                    in.add(new VarInsnNode(captured[i].getOpcode(Opcodes.ISTORE), locals[i]));
                }
                m.instructions.remove(link.lambda);
                held[k] = locals;
            } else {
                int[] locals = new int[reduce ? 2 : 1];
                locals[0] = local(Type.getObjectType(link.op.function));
                in.add(new InsnNode(Opcodes.DUP));
                in.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/util/Objects", "requireNonNull",
                        "(Ljava/lang/Object;)Ljava/lang/Object;", false));
                in.add(new InsnNode(Opcodes.POP));
                in.add(new VarInsnNode(Opcodes.ASTORE, locals[0]));
                held[k] = locals;
            }
            if (reduce) {
                held[k][held[k].length - 1] = local(Type.DOUBLE_TYPE);
            }
        }

        /** The terminal operation's loop; leaves its result on the stack. */
        private void loop(InsnList in) {
            Op source = links.get(0).op;
            Op end = links.get(links.size() - 1).op;
            int index = local(Type.INT_TYPE);
            int[] sum = end == Op.SUM ? new int[] {local(Type.DOUBLE_TYPE), local(Type.DOUBLE_TYPE),
                local(Type.DOUBLE_TYPE)} : null;
            if (sum != null) {
                for (int s : sum) {
                    in.add(new InsnNode(Opcodes.DCONST_0));
                    in.add(new VarInsnNode(Opcodes.DSTORE, s));
                }
            }
            LabelNode head = new LabelNode();
            LabelNode next = new LabelNode();
            LabelNode done = new LabelNode();
            in.add(new VarInsnNode(Opcodes.ILOAD, lo));
            in.add(new VarInsnNode(Opcodes.ISTORE, index));
            if (source == Op.RANGE_CLOSED) {
                // no bound check at the head: the last element may be Integer.MAX_VALUE
                in.add(new VarInsnNode(Opcodes.ILOAD, lo));
                in.add(new VarInsnNode(Opcodes.ILOAD, hi));
                in.add(new JumpInsnNode(Opcodes.IF_ICMPGT, done));
            }
            in.add(head);
            if (source != Op.RANGE_CLOSED) {
                in.add(new VarInsnNode(Opcodes.ILOAD, index));
                in.add(new VarInsnNode(Opcodes.ILOAD, hi));
                in.add(new JumpInsnNode(Opcodes.IF_ICMPGE, done));
            }
            int at;
            if (source == Op.ARRAY) {
                in.add(new VarInsnNode(Opcodes.ALOAD, array));
                in.add(new VarInsnNode(Opcodes.ILOAD, index));
                in.add(new InsnNode(Opcodes.DALOAD));
                at = ON_STACK;
            } else {
                at = index; // an index is its own element: the stages read the loop's counter
            }
            int[] element = {local(Type.INT_TYPE), local(Type.DOUBLE_TYPE)};
            for (int k = 1; k < links.size(); k++) {
                Op op = links.get(k).op;
                at = stage(k, at, element[op.takesInts ? 0 : 1], next, sum, in);
            }
            in.add(next);
            if (source == Op.RANGE_CLOSED) {
                in.add(new VarInsnNode(Opcodes.ILOAD, index));
                in.add(new VarInsnNode(Opcodes.ILOAD, hi));
                in.add(new JumpInsnNode(Opcodes.IF_ICMPEQ, done));
            }
            in.add(new IincInsnNode(index, 1));
            in.add(new JumpInsnNode(Opcodes.GOTO, head));
            in.add(done);
            if (sum != null) {
                finalSum(sum, in);
            } else {
                int[] r = held[links.size() - 1];
                in.add(new VarInsnNode(Opcodes.DLOAD, r[r.length - 1]));
            }
        }

        /**
         * One stage applied to the element, which is in local {@code at} or, if that is {@link #ON_STACK}, on the
         * stack (then kept in {@code element}, an int's or a double's local, for the stage's function).
         *
         * @return where the stage leaves its element
         */
        private int stage(int k, int at, int element, LabelNode next, int[] sum, InsnList in) {
            Link link = links.get(k);
            Op op = link.op;
            int load = op.takesInts ? Opcodes.ILOAD : Opcodes.DLOAD;
            if (op == Op.AS_DOUBLE) {
                if (at != ON_STACK) {
                    in.add(new VarInsnNode(Opcodes.ILOAD, at));
                }
                in.add(new InsnNode(Opcodes.I2D));
                return ON_STACK;
            }
            if (at == ON_STACK) {
                in.add(new VarInsnNode(op.takesInts ? Opcodes.ISTORE : Opcodes.DSTORE, element));
                at = element;
            }
            switch (op) {
                case INT_MAP:
                case MAP_TO_DOUBLE:
                case MAP:
                    call(k, in, new int[] {load}, new int[] {at});
                    return ON_STACK;
                case INT_FILTER:
                case FILTER:
                    call(k, in, new int[] {load}, new int[] {at});
                    in.add(new JumpInsnNode(Opcodes.IFEQ, next));
                    return at;
                case INT_PEEK:
                case PEEK:
                    call(k, in, new int[] {load}, new int[] {at});
                    return at;
                case REDUCE:
                    int acc = held[k][held[k].length - 1];
                    call(k, in, new int[] {Opcodes.DLOAD, Opcodes.DLOAD}, new int[] {acc, at});
                    in.add(new VarInsnNode(Opcodes.DSTORE, acc));
                    return ON_STACK;
                case SUM:
                    add(at, sum, in);
                    return ON_STACK;
                default:
                    throw new IllegalStateException(op.name());
            }
        }

        /**
         * The JDK's last step of a compensated sum ({@code Collectors.computeFinalSum}, as
         * {@link SequentialDoubleStream#finalSum}): the sum less its compensation, unless that is NaN while the plain
         * sum is infinite, which is then the result.
         */
        private void finalSum(int[] sum, InsnList in) {
            int r = sum[0];
            LabelNode result = new LabelNode();
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[0]));
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[1]));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DSTORE, r));
            in.add(new VarInsnNode(Opcodes.DLOAD, r));
            in.add(new VarInsnNode(Opcodes.DLOAD, r));
            in.add(new InsnNode(Opcodes.DCMPL));
            in.add(new JumpInsnNode(Opcodes.IFEQ, result));
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[2]));
            in.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false));
            in.add(new LdcInsnNode(Double.POSITIVE_INFINITY));
            in.add(new InsnNode(Opcodes.DCMPL));
            in.add(new JumpInsnNode(Opcodes.IFNE, result));
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[2]));
            in.add(new VarInsnNode(Opcodes.DSTORE, r));
            in.add(result);
            in.add(new VarInsnNode(Opcodes.DLOAD, r));
        }

        /** Kahan's step as the JDK's {@code sum()} takes it, and the plain sum beside it. */
        private void add(int element, int[] sum, InsnList in) {
            int y = local(Type.DOUBLE_TYPE);
            int t = local(Type.DOUBLE_TYPE);
            // the element feeds three running sums: read in a block of its own, it is a value with an adjoint of its
            // own, whose partials are taped once, instead of an expression copied into each sum's (design §4)
            LabelNode sums = new LabelNode();
            in.add(new JumpInsnNode(Opcodes.GOTO, sums));
            in.add(sums);
            in.add(new VarInsnNode(Opcodes.DLOAD, element));
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[1]));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DSTORE, y));
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[0]));
            in.add(new VarInsnNode(Opcodes.DLOAD, y));
            in.add(new InsnNode(Opcodes.DADD));
            in.add(new VarInsnNode(Opcodes.DSTORE, t));
            in.add(new VarInsnNode(Opcodes.DLOAD, t));
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[0]));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DLOAD, y));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DSTORE, sum[1]));
            in.add(new VarInsnNode(Opcodes.DLOAD, t));
            in.add(new VarInsnNode(Opcodes.DSTORE, sum[0]));
            in.add(new VarInsnNode(Opcodes.DLOAD, sum[2]));
            in.add(new VarInsnNode(Opcodes.DLOAD, element));
            in.add(new InsnNode(Opcodes.DADD));
            in.add(new VarInsnNode(Opcodes.DSTORE, sum[2]));
        }

        /** Calls stage {@code k}'s function with the given locals: the lambda's body directly, or the interface. */
        private void call(int k, InsnList in, int[] loads, int[] locals) {
            Link link = links.get(k);
            Op op = link.op;
            Type[] sam = Type.getArgumentTypes(op.samDesc);
            if (link.lambda == null) {
                in.add(new VarInsnNode(Opcodes.ALOAD, held[k][0]));
                for (int i = 0; i < loads.length; i++) {
                    in.add(new VarInsnNode(loads[i], locals[i]));
                }
                in.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, op.function, op.sam, op.samDesc, true));
                return;
            }
            DirectCall direct = DirectCall.of(owner, link.lambda, op);
            for (int i = 0; i < direct.captured.length; i++) {
                in.add(new VarInsnNode(direct.captured[i].getOpcode(Opcodes.ILOAD), held[k][i]));
            }
            for (int i = 0; i < loads.length; i++) {
                in.add(new VarInsnNode(loads[i], locals[i]));
                int widen = DirectCall.widening(sam[i], direct.parameters[i]);
                if (widen != Opcodes.NOP) {
                    in.add(new InsnNode(widen));
                }
            }
            Handle body = direct.body;
            in.add(new MethodInsnNode(direct.opcode, body.getOwner(), body.getName(), body.getDesc(),
                    body.isInterface()));
            Type returned = Type.getReturnType(body.getDesc());
            Type wanted = Type.getReturnType(op.samDesc);
            if (wanted.getSort() == Type.VOID) {
                if (returned.getSize() > 0) {
                    in.add(new InsnNode(returned.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
                }
            } else {
                int widen = DirectCall.widening(returned, wanted);
                if (widen != Opcodes.NOP) {
                    in.add(new InsnNode(widen));
                }
            }
        }
    }
}
