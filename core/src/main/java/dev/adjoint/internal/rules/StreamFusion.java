package dev.adjoint.internal.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

import dev.adjoint.internal.ir.Inlining;
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

    private static final String STREAMS = "java/util/stream/";
    private static final String FUNCTION = "java/util/function/";
    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final String OPTIONAL = "java/util/OptionalDouble";
    /** Where an element is when it is on the operand stack, not in a local. */
    private static final int ON_STACK = -1;
    /** The JDK's collections whose {@code stream()} is their elements in the order their iterator gives them. */
    private static final Set<String> COLLECTIONS = Set.of("java/util/Collection", "java/util/List", "java/util/Set",
            "java/util/SortedSet", "java/util/NavigableSet", "java/util/Queue", "java/util/Deque",
            "java/util/ArrayList", "java/util/LinkedList", "java/util/ArrayDeque", "java/util/HashSet",
            "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/Vector");

    /** The kind of a pipeline's elements: the stream class that holds them and their type on the JVM. */
    private enum Kind {
        INT("IntStream", Type.INT_TYPE),
        LONG("LongStream", Type.LONG_TYPE),
        DOUBLE("DoubleStream", Type.DOUBLE_TYPE),
        OBJECT("Stream", Type.getObjectType("java/lang/Object"));

        final String stream;
        final Type type;

        Kind(String stream, Type type) {
            this.stream = STREAMS + stream;
            this.type = type;
        }
    }

    /** What a call of a pipeline does with its elements. */
    private enum Role {
        RANGE, RANGE_CLOSED, ARRAY, COLLECTION, MAP, FILTER, PEEK, WIDEN, SUM, REDUCE, MAX, MIN, AVERAGE
    }

    /**
     * A call of a pipeline: the kind of elements it takes (none for a source) and gives (none for a terminal
     * operation), and the interface and method of the function it takes, if any.
     */
    private enum Op {
        RANGE(Role.RANGE, null, Kind.INT, "range(II)"),
        RANGE_CLOSED(Role.RANGE_CLOSED, null, Kind.INT, "rangeClosed(II)"),
        LONG_RANGE(Role.RANGE, null, Kind.LONG, "range(JJ)"),
        LONG_RANGE_CLOSED(Role.RANGE_CLOSED, null, Kind.LONG, "rangeClosed(JJ)"),
        ARRAY(Role.ARRAY, null, Kind.DOUBLE, null),
        OBJECTS(Role.ARRAY, null, Kind.OBJECT, null),
        COLLECTION(Role.COLLECTION, null, Kind.OBJECT, null),
        INT_MAP(Role.MAP, Kind.INT, Kind.INT, "map", "IntUnaryOperator", "applyAsInt", "(I)I"),
        INT_FILTER(Role.FILTER, Kind.INT, Kind.INT, "filter", "IntPredicate", "test", "(I)Z"),
        INT_PEEK(Role.PEEK, Kind.INT, Kind.INT, "peek", "IntConsumer", "accept", "(I)V"),
        INT_TO_DOUBLE(Role.MAP, Kind.INT, Kind.DOUBLE, "mapToDouble", "IntToDoubleFunction", "applyAsDouble",
                "(I)D"),
        INT_TO_OBJECT(Role.MAP, Kind.INT, Kind.OBJECT, "mapToObj", "IntFunction", "apply", "(I)Ljava/lang/Object;"),
        INT_AS_DOUBLE(Role.WIDEN, Kind.INT, Kind.DOUBLE, "asDoubleStream", null, null, null),
        LONG_MAP(Role.MAP, Kind.LONG, Kind.LONG, "map", "LongUnaryOperator", "applyAsLong", "(J)J"),
        LONG_FILTER(Role.FILTER, Kind.LONG, Kind.LONG, "filter", "LongPredicate", "test", "(J)Z"),
        LONG_PEEK(Role.PEEK, Kind.LONG, Kind.LONG, "peek", "LongConsumer", "accept", "(J)V"),
        LONG_TO_DOUBLE(Role.MAP, Kind.LONG, Kind.DOUBLE, "mapToDouble", "LongToDoubleFunction", "applyAsDouble",
                "(J)D"),
        LONG_TO_OBJECT(Role.MAP, Kind.LONG, Kind.OBJECT, "mapToObj", "LongFunction", "apply",
                "(J)Ljava/lang/Object;"),
        LONG_AS_DOUBLE(Role.WIDEN, Kind.LONG, Kind.DOUBLE, "asDoubleStream", null, null, null),
        MAP(Role.MAP, Kind.DOUBLE, Kind.DOUBLE, "map", "DoubleUnaryOperator", "applyAsDouble", "(D)D"),
        FILTER(Role.FILTER, Kind.DOUBLE, Kind.DOUBLE, "filter", "DoublePredicate", "test", "(D)Z"),
        PEEK(Role.PEEK, Kind.DOUBLE, Kind.DOUBLE, "peek", "DoubleConsumer", "accept", "(D)V"),
        OBJECT_MAP(Role.MAP, Kind.OBJECT, Kind.OBJECT, "map", "Function", "apply",
                "(Ljava/lang/Object;)Ljava/lang/Object;"),
        OBJECT_FILTER(Role.FILTER, Kind.OBJECT, Kind.OBJECT, "filter", "Predicate", "test", "(Ljava/lang/Object;)Z"),
        OBJECT_PEEK(Role.PEEK, Kind.OBJECT, Kind.OBJECT, "peek", "Consumer", "accept", "(Ljava/lang/Object;)V"),
        OBJECT_TO_DOUBLE(Role.MAP, Kind.OBJECT, Kind.DOUBLE, "mapToDouble", "ToDoubleFunction", "applyAsDouble",
                "(Ljava/lang/Object;)D"),
        SUM(Role.SUM, Kind.DOUBLE, null, "sum", null, null, null),
        REDUCE(Role.REDUCE, Kind.DOUBLE, null, "reduce", "DoubleBinaryOperator", "applyAsDouble", "(DD)D"),
        MAX(Role.MAX, Kind.DOUBLE, null, "max", null, null, null),
        MIN(Role.MIN, Kind.DOUBLE, null, "min", null, null, null),
        AVERAGE(Role.AVERAGE, Kind.DOUBLE, null, "average", null, null, null);

        final Role role;
        final Kind takes;
        final Kind gives;
        /** For a stage or terminal operation: the method's name; for a range: name and parameters. */
        final String name;
        final String function;
        final String sam;
        final String samDesc;

        Op(Role role, Kind takes, Kind gives, String name) {
            this(role, takes, gives, name, null, null, null);
        }

        Op(Role role, Kind takes, Kind gives, String name, String function, String sam, String samDesc) {
            this.role = role;
            this.takes = takes;
            this.gives = gives;
            this.name = name;
            this.function = function == null ? null : FUNCTION + function;
            this.sam = sam;
            this.samDesc = samDesc;
        }

        boolean isSource() {
            return takes == null;
        }

        boolean isEnd() {
            return gives == null;
        }

        /** @return the descriptor of the stream method, as the stream of the elements it takes declares it */
        String descriptor() {
            String argument = role == Role.REDUCE ? "D" : "";
            String result;
            switch (role) {
                case SUM:
                case REDUCE:
                    result = "D";
                    break;
                case MAX:
                case MIN:
                case AVERAGE:
                    result = "L" + OPTIONAL + ";";
                    break;
                default:
                    result = "L" + gives.stream + ";";
                    break;
            }
            return "(" + argument + (function == null ? "" : "L" + function + ";") + ")" + result;
        }
    }

    private static final Map<String, Op> CALLS = new HashMap<>();

    static {
        for (Op op : Op.values()) {
            if (op.role == Role.RANGE || op.role == Role.RANGE_CLOSED) {
                CALLS.put(op.gives.stream + "." + op.name + "L" + op.gives.stream + ";", op);
            } else if (!op.isSource()) {
                CALLS.put(op.takes.stream + "." + op.name + op.descriptor(), op);
            }
        }
        CALLS.put("java/util/Arrays.stream([D)L" + Kind.DOUBLE.stream + ";", Op.ARRAY);
        CALLS.put(Kind.DOUBLE.stream + ".of([D)L" + Kind.DOUBLE.stream + ";", Op.ARRAY);
        CALLS.put("java/util/Arrays.stream([Ljava/lang/Object;)L" + Kind.OBJECT.stream + ";", Op.OBJECTS);
        CALLS.put(Kind.OBJECT.stream + ".of([Ljava/lang/Object;)L" + Kind.OBJECT.stream + ";", Op.OBJECTS);
    }

    private StreamFusion() {
    }

    private static Op opOf(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode)) {
            return null;
        }
        MethodInsnNode mi = (MethodInsnNode) insn;
        if ("stream".equals(mi.name) && ("()L" + Kind.OBJECT.stream + ";").equals(mi.desc)
                && COLLECTIONS.contains(mi.owner) && mi.getOpcode() != Opcodes.INVOKESTATIC) {
            return Op.COLLECTION;
        }
        Op op = CALLS.get(mi.owner + "." + mi.name + mi.desc);
        if (op == null || op.isSource() != (mi.getOpcode() == Opcodes.INVOKESTATIC)
                || !op.isSource() && mi.getOpcode() != Opcodes.INVOKEINTERFACE) {
            return null;
        }
        return op;
    }

    /** One call of a pipeline, and the lambda it takes when that is made by the call's own argument. */
    private static final class Link {
        final MethodInsnNode call;
        final Op op;
        /** The lambda made for the call by the {@code invokedynamic} right before it, called directly; or null. */
        DirectCall lambda;

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
            if (op != null && op.isEnd()) {
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
            notes.add(new Rewrite(m, pipeline).apply());
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
            if (previous == null || previous.isEnd() || previous.gives != op.takes) {
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
            out.addAll(Inlining.targets(insn));
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
    private static DirectCall lambda(String owner, SourceValue function, AbstractInsnNode call, Op op) {
        if (function.insns.size() != 1) {
            return null;
        }
        AbstractInsnNode made = function.insns.iterator().next();
        if (!(made instanceof InvokeDynamicInsnNode) || next(made) != call) {
            return null;
        }
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) made;
        if (!METAFACTORY.equals(indy.bsm.getOwner()) || !"metafactory".equals(indy.bsm.getName())
                || !indy.name.equals(op.sam) || !(indy.bsmArgs[1] instanceof Handle)
                || !Type.getReturnType(indy.desc).getInternalName().equals(op.function)) {
            return null;
        }
        return DirectCall.of(owner, indy, op);
    }

    private static AbstractInsnNode next(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n != null && (n instanceof LabelNode || n instanceof LineNumberNode)) {
            n = n.getNext();
        }
        return n;
    }

    /**
     * A lambda's body called as a method: the captured values, then the function's arguments, converted where the
     * lambda converts them (a primitive widened, an object cast to the body's type); for an instance method, the
     * first of them (a captured value, or the element for an unbound method reference) is the receiver.
     */
    private static final class DirectCall {
        /** The {@code invokedynamic} that makes the lambda, removed by the rewrite. */
        final InvokeDynamicInsnNode site;
        final int opcode;
        final Handle body;
        final Type[] captured;
        /** Per argument of the function: the instruction that converts it for the body, or {@link Opcodes#NOP}. */
        final int[] conversions;
        /** Per argument of the function: the type a {@code checkcast} converts it to, or null. */
        final Type[] casts;

        private DirectCall(InvokeDynamicInsnNode site, int opcode, Handle body, Type[] captured, int[] conversions,
                           Type[] casts) {
            this.site = site;
            this.opcode = opcode;
            this.body = body;
            this.captured = captured;
            this.conversions = conversions;
            this.casts = casts;
        }

        static DirectCall of(String owner, InvokeDynamicInsnNode indy, Op op) {
            Handle body = (Handle) indy.bsmArgs[1];
            Type[] captured = Type.getArgumentTypes(indy.desc);
            int opcode;
            switch (body.getTag()) {
                case Opcodes.H_INVOKESTATIC:
                    opcode = Opcodes.INVOKESTATIC;
                    break;
                case Opcodes.H_INVOKEVIRTUAL:
                    opcode = Opcodes.INVOKEVIRTUAL;
                    break;
                case Opcodes.H_INVOKEINTERFACE:
                    opcode = Opcodes.INVOKEINTERFACE;
                    break;
                case Opcodes.H_INVOKESPECIAL:
                    // a private instance method of the class itself (a lambda's body that uses this)
                    if (!body.getOwner().equals(owner)) {
                        return null;
                    }
                    opcode = Opcodes.INVOKESPECIAL;
                    break;
                default:
                    return null;
            }
            List<Type> wanted = new ArrayList<>();
            if (opcode != Opcodes.INVOKESTATIC) {
                wanted.add(Type.getObjectType(body.getOwner()));
            }
            wanted.addAll(List.of(Type.getArgumentTypes(body.getDesc())));
            Type[] sam = Type.getArgumentTypes(op.samDesc);
            if (captured.length + sam.length != wanted.size()) {
                return null;
            }
            for (int i = 0; i < captured.length; i++) {
                Type w = wanted.get(i);
                boolean receiver = i == 0 && opcode != Opcodes.INVOKESTATIC;
                if (!captured[i].equals(w) && !(receiver && captured[i].getSort() == Type.OBJECT)) {
                    return null;
                }
            }
            int[] conversions = new int[sam.length];
            Type[] casts = new Type[sam.length];
            for (int i = 0; i < sam.length; i++) {
                Type w = wanted.get(captured.length + i);
                if (sam[i].getSort() == Type.OBJECT && (w.getSort() == Type.OBJECT || w.getSort() == Type.ARRAY)) {
                    conversions[i] = Opcodes.NOP;
                    casts[i] = w.getInternalName().equals("java/lang/Object") ? null : w;
                } else {
                    conversions[i] = widening(sam[i], w);
                    if (conversions[i] < 0) {
                        return null;
                    }
                }
            }
            Type returned = Type.getReturnType(body.getDesc());
            Type result = Type.getReturnType(op.samDesc);
            boolean fits = result.getSort() == Type.VOID
                    || result.getSort() == Type.OBJECT && (returned.getSort() == Type.OBJECT
                    || returned.getSort() == Type.ARRAY)
                    || result.getSort() != Type.OBJECT && widening(returned, result) >= 0;
            return fits ? new DirectCall(indy, opcode, body, captured, conversions, casts) : null;
        }

        /** @return the instruction that widens {@code from} to {@code to}, {@link Opcodes#NOP} if equal, -1 if none */
        static int widening(Type from, Type to) {
            if (from.equals(to)) {
                return from.getSort() == Type.OBJECT || from.getSort() == Type.ARRAY ? -1 : Opcodes.NOP;
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
        private final MethodNode m;
        private final List<Link> links;
        /** Per link with a function: the locals of the captured values, or the one local of the function. */
        private final int[][] held;
        /** The source's locals: first and bound of a range; or the array or collection. */
        private int lo;
        private int hi;
        private int source;
        /** The terminal operation's state: running sums, count, or whether an element was seen. */
        private int[] state;
        private int accumulator;

        Rewrite(MethodNode m, List<Link> links) {
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
                if (link.op.isEnd()) {
                    loop(in);
                }
                m.instructions.insert(link.call, in);
                m.instructions.remove(link.call);
                note.append(k == 0 ? "" : ".").append(link.call.name)
                        .append(link.lambda == null ? "" : "(" + link.lambda.body.getName() + ")");
            }
            return note.toString();
        }

        /** Keeps the source's arguments where the source was made; an array or a collection is checked for null. */
        private void source(Link link, InsnList in) {
            Type bound = link.op.gives.type;
            switch (link.op.role) {
                case RANGE:
                case RANGE_CLOSED:
                    hi = local(bound);
                    lo = local(bound);
                    in.add(new VarInsnNode(bound.getOpcode(Opcodes.ISTORE), hi));
                    in.add(new VarInsnNode(bound.getOpcode(Opcodes.ISTORE), lo));
                    return;
                case ARRAY:
                    source = local(Kind.OBJECT.type);
                    hi = local(Type.INT_TYPE);
                    in.add(new VarInsnNode(Opcodes.ASTORE, source));
                    in.add(new VarInsnNode(Opcodes.ALOAD, source));
                    in.add(new InsnNode(Opcodes.ARRAYLENGTH));
                    in.add(new VarInsnNode(Opcodes.ISTORE, hi));
                    return;
                default:
                    source = local(Kind.OBJECT.type);
                    keepNonNull(source, in);
            }
        }

        /** Stores the reference on the stack into {@code local}, throwing the JDK's exception if it is null. */
        private static void keepNonNull(int local, InsnList in) {
            in.add(new InsnNode(Opcodes.DUP));
            in.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/util/Objects", "requireNonNull",
                    "(Ljava/lang/Object;)Ljava/lang/Object;", false));
            in.add(new InsnNode(Opcodes.POP));
            in.add(new VarInsnNode(Opcodes.ASTORE, local));
        }

        /**
         * Keeps a stage's function where the stage was called: the lambda's captured values (its
         * {@code invokedynamic} removed), or the function itself, checked for null as the JDK checks it. A reduction's
         * identity, below its function, goes to the accumulator.
         */
        private void hold(int k, InsnList in) {
            Link link = links.get(k);
            if (link.lambda != null) {
                Type[] captured = link.lambda.captured;
                int[] locals = new int[captured.length];
                for (int i = 0; i < captured.length; i++) {
                    locals[i] = local(captured[i]);
                }
                for (int i = captured.length - 1; i >= 0; i--) {
                    in.add(new VarInsnNode(captured[i].getOpcode(Opcodes.ISTORE), locals[i]));
                }
                m.instructions.remove(link.lambda.site);
                held[k] = locals;
            } else {
                held[k] = new int[] {local(Type.getObjectType(link.op.function))};
                keepNonNull(held[k][0], in);
            }
            if (link.op.role == Role.REDUCE) {
                accumulator = local(Type.DOUBLE_TYPE);
                in.add(new VarInsnNode(Opcodes.DSTORE, accumulator));
            }
        }

        /** The terminal operation's loop; leaves its result on the stack. */
        private void loop(InsnList in) {
            Op from = links.get(0).op;
            Op end = links.get(links.size() - 1).op;
            start(end, in);
            LabelNode head = new LabelNode();
            LabelNode next = new LabelNode();
            LabelNode done = new LabelNode();
            int at;
            Type counter = from.role == Role.ARRAY ? Type.INT_TYPE : from.gives.type;
            int index = -1;
            if (from.role == Role.COLLECTION) {
                int iterator = local(Kind.OBJECT.type);
                in.add(new VarInsnNode(Opcodes.ALOAD, source));
                in.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, "java/util/Collection", "iterator",
                        "()Ljava/util/Iterator;", true));
                in.add(new VarInsnNode(Opcodes.ASTORE, iterator));
                in.add(head);
                in.add(new VarInsnNode(Opcodes.ALOAD, iterator));
                in.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, "java/util/Iterator", "hasNext", "()Z", true));
                in.add(new JumpInsnNode(Opcodes.IFEQ, done));
                in.add(new VarInsnNode(Opcodes.ALOAD, iterator));
                in.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, "java/util/Iterator", "next",
                        "()Ljava/lang/Object;", true));
                at = ON_STACK;
            } else {
                index = local(counter);
                if (from.role == Role.ARRAY) {
                    in.add(new InsnNode(Opcodes.ICONST_0));
                } else {
                    in.add(new VarInsnNode(counter.getOpcode(Opcodes.ILOAD), lo));
                }
                in.add(new VarInsnNode(counter.getOpcode(Opcodes.ISTORE), index));
                if (from.role == Role.RANGE_CLOSED) {
                    // no bound check at the head: the last element may be the type's largest value
                    compare(counter, lo, hi, Opcodes.IFGT, done, in);
                }
                in.add(head);
                if (from.role != Role.RANGE_CLOSED) {
                    compare(counter, index, hi, Opcodes.IFGE, done, in);
                }
                if (from.role == Role.ARRAY) {
                    in.add(new VarInsnNode(Opcodes.ALOAD, source));
                    in.add(new VarInsnNode(Opcodes.ILOAD, index));
                    in.add(new InsnNode(from == Op.ARRAY ? Opcodes.DALOAD : Opcodes.AALOAD));
                    at = ON_STACK;
                } else {
                    at = index; // an index is its own element: the stages read the loop's counter
                }
            }
            for (int k = 1; k < links.size(); k++) {
                at = stage(k, at, next, in);
            }
            in.add(next);
            if (index >= 0) {
                advance(from, counter, index, done, in);
            }
            in.add(new JumpInsnNode(Opcodes.GOTO, head));
            in.add(done);
            finish(end, in);
        }

        /** Moves an index to the next element; a closed range leaves after its bound, which may be the largest. */
        private void advance(Op from, Type counter, int index, LabelNode done, InsnList in) {
            if (from.role == Role.RANGE_CLOSED) {
                compare(counter, index, hi, Opcodes.IFEQ, done, in);
            }
            if (counter == Type.INT_TYPE) {
                in.add(new IincInsnNode(index, 1));
            } else {
                in.add(new VarInsnNode(Opcodes.LLOAD, index));
                in.add(new InsnNode(Opcodes.LCONST_1));
                in.add(new InsnNode(Opcodes.LADD));
                in.add(new VarInsnNode(Opcodes.LSTORE, index));
            }
        }

        /** Jumps to {@code to} when {@code a} compared with {@code b} satisfies {@code test} (an {@code IFxx}). */
        private static void compare(Type t, int a, int b, int test, LabelNode to, InsnList in) {
            in.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), a));
            in.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), b));
            if (t == Type.INT_TYPE) {
                in.add(new JumpInsnNode(test - Opcodes.IFEQ + Opcodes.IF_ICMPEQ, to));
            } else {
                in.add(new InsnNode(Opcodes.LCMP));
                in.add(new JumpInsnNode(test, to));
            }
        }

        /** The terminal operation's state before the first element. */
        private void start(Op end, InsnList in) {
            switch (end.role) {
                case SUM:
                case AVERAGE:
                    // the sum, its compensation, the plain sum (and the count)
                    state = new int[end.role == Role.SUM ? 3 : 4];
                    for (int i = 0; i < state.length; i++) {
                        state[i] = local(Type.DOUBLE_TYPE);
                        in.add(new InsnNode(Opcodes.DCONST_0));
                        in.add(new VarInsnNode(Opcodes.DSTORE, state[i]));
                    }
                    return;
                case MAX:
                case MIN:
                    state = new int[] {local(Type.INT_TYPE)};
                    accumulator = local(Type.DOUBLE_TYPE);
                    in.add(new InsnNode(Opcodes.ICONST_0));
                    in.add(new VarInsnNode(Opcodes.ISTORE, state[0]));
                    in.add(new InsnNode(Opcodes.DCONST_0));
                    in.add(new VarInsnNode(Opcodes.DSTORE, accumulator));
                    return;
                default:
                    return;
            }
        }

        /** The terminal operation's result, from its state after the last element. */
        private void finish(Op end, InsnList in) {
            switch (end.role) {
                case SUM:
                    finalSum(in);
                    return;
                case REDUCE:
                    in.add(new VarInsnNode(Opcodes.DLOAD, accumulator));
                    return;
                case AVERAGE: {
                    LabelNode empty = new LabelNode();
                    LabelNode made = new LabelNode();
                    in.add(new VarInsnNode(Opcodes.DLOAD, state[3]));
                    in.add(new InsnNode(Opcodes.DCONST_0));
                    in.add(new InsnNode(Opcodes.DCMPL));
                    in.add(new JumpInsnNode(Opcodes.IFLE, empty));
                    finalSum(in);
                    in.add(new VarInsnNode(Opcodes.DLOAD, state[3]));
                    in.add(new InsnNode(Opcodes.DDIV));
                    optional(empty, made, in);
                    return;
                }
                default: {
                    LabelNode empty = new LabelNode();
                    LabelNode made = new LabelNode();
                    in.add(new VarInsnNode(Opcodes.ILOAD, state[0]));
                    in.add(new JumpInsnNode(Opcodes.IFEQ, empty));
                    in.add(new VarInsnNode(Opcodes.DLOAD, accumulator));
                    optional(empty, made, in);
                }
            }
        }

        /** {@code OptionalDouble.of} the number on the stack; at {@code empty}, {@code OptionalDouble.empty()}. */
        private static void optional(LabelNode empty, LabelNode made, InsnList in) {
            in.add(new MethodInsnNode(Opcodes.INVOKESTATIC, OPTIONAL, "of", "(D)L" + OPTIONAL + ";", false));
            in.add(new JumpInsnNode(Opcodes.GOTO, made));
            in.add(empty);
            in.add(new MethodInsnNode(Opcodes.INVOKESTATIC, OPTIONAL, "empty", "()L" + OPTIONAL + ";", false));
            in.add(made);
        }

        /**
         * One stage applied to the element, which is in local {@code at} or, if that is {@link #ON_STACK}, on the
         * stack (then first kept in a local of its own for the stage's function).
         *
         * @return where the stage leaves its element
         */
        private int stage(int k, int at, LabelNode next, InsnList in) {
            Op op = links.get(k).op;
            Type type = op.takes.type;
            if (op.role == Role.WIDEN) {
                if (at != ON_STACK) {
                    in.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), at));
                }
                in.add(new InsnNode(type == Type.INT_TYPE ? Opcodes.I2D : Opcodes.L2D));
                return ON_STACK;
            }
            if (at == ON_STACK) {
                at = local(type);
                in.add(new VarInsnNode(type.getOpcode(Opcodes.ISTORE), at));
            }
            switch (op.role) {
                case MAP:
                    call(k, in, at);
                    return ON_STACK;
                case FILTER:
                    call(k, in, at);
                    in.add(new JumpInsnNode(Opcodes.IFEQ, next));
                    return at;
                case PEEK:
                    call(k, in, at);
                    return at;
                case REDUCE:
                    call(k, in, accumulator, at);
                    in.add(new VarInsnNode(Opcodes.DSTORE, accumulator));
                    return ON_STACK;
                case MAX:
                case MIN:
                    extreme(op, at, next, in);
                    return ON_STACK;
                case SUM:
                case AVERAGE:
                    add(at, in);
                    return ON_STACK;
                default:
                    throw new IllegalStateException(op.name());
            }
        }

        /** The JDK's {@code max()}/{@code min()}: the first element, then {@code Math.max(so far, element)}. */
        private void extreme(Op op, int element, LabelNode next, InsnList in) {
            LabelNode later = new LabelNode();
            in.add(new VarInsnNode(Opcodes.ILOAD, state[0]));
            in.add(new JumpInsnNode(Opcodes.IFNE, later));
            in.add(new InsnNode(Opcodes.ICONST_1));
            in.add(new VarInsnNode(Opcodes.ISTORE, state[0]));
            in.add(new VarInsnNode(Opcodes.DLOAD, element));
            in.add(new VarInsnNode(Opcodes.DSTORE, accumulator));
            in.add(new JumpInsnNode(Opcodes.GOTO, next));
            in.add(later);
            in.add(new VarInsnNode(Opcodes.DLOAD, accumulator));
            in.add(new VarInsnNode(Opcodes.DLOAD, element));
            in.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Math", op == Op.MAX ? "max" : "min",
                    "(DD)D", false));
            in.add(new VarInsnNode(Opcodes.DSTORE, accumulator));
        }

        /**
         * The JDK's last step of a compensated sum ({@code Collectors.computeFinalSum}, as
         * {@link SequentialDoubleStream#finalSum}): the sum less its compensation, unless that is NaN while the plain
         * sum is infinite, which is then the result. Leaves it on the stack.
         */
        private void finalSum(InsnList in) {
            int r = state[0];
            LabelNode result = new LabelNode();
            in.add(new VarInsnNode(Opcodes.DLOAD, state[0]));
            in.add(new VarInsnNode(Opcodes.DLOAD, state[1]));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DSTORE, r));
            in.add(new VarInsnNode(Opcodes.DLOAD, r));
            in.add(new VarInsnNode(Opcodes.DLOAD, r));
            in.add(new InsnNode(Opcodes.DCMPL));
            in.add(new JumpInsnNode(Opcodes.IFEQ, result));
            in.add(new VarInsnNode(Opcodes.DLOAD, state[2]));
            in.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false));
            in.add(new LdcInsnNode(Double.POSITIVE_INFINITY));
            in.add(new InsnNode(Opcodes.DCMPL));
            in.add(new JumpInsnNode(Opcodes.IFNE, result));
            in.add(new VarInsnNode(Opcodes.DLOAD, state[2]));
            in.add(new VarInsnNode(Opcodes.DSTORE, r));
            in.add(result);
            in.add(new VarInsnNode(Opcodes.DLOAD, r));
        }

        /** Kahan's step as the JDK's {@code sum()} and {@code average()} take it, the plain sum and the count. */
        private void add(int element, InsnList in) {
            int y = local(Type.DOUBLE_TYPE);
            int t = local(Type.DOUBLE_TYPE);
            // the element feeds three running sums: read in a block of its own, it is a value with an adjoint of its
            // own, whose partials are taped once, instead of an expression copied into each sum's (design §4)
            LabelNode sums = new LabelNode();
            in.add(new JumpInsnNode(Opcodes.GOTO, sums));
            in.add(sums);
            if (state.length == 4) {
                in.add(new VarInsnNode(Opcodes.DLOAD, state[3]));
                in.add(new InsnNode(Opcodes.DCONST_1));
                in.add(new InsnNode(Opcodes.DADD));
                in.add(new VarInsnNode(Opcodes.DSTORE, state[3]));
            }
            in.add(new VarInsnNode(Opcodes.DLOAD, element));
            in.add(new VarInsnNode(Opcodes.DLOAD, state[1]));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DSTORE, y));
            in.add(new VarInsnNode(Opcodes.DLOAD, state[0]));
            in.add(new VarInsnNode(Opcodes.DLOAD, y));
            in.add(new InsnNode(Opcodes.DADD));
            in.add(new VarInsnNode(Opcodes.DSTORE, t));
            in.add(new VarInsnNode(Opcodes.DLOAD, t));
            in.add(new VarInsnNode(Opcodes.DLOAD, state[0]));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DLOAD, y));
            in.add(new InsnNode(Opcodes.DSUB));
            in.add(new VarInsnNode(Opcodes.DSTORE, state[1]));
            in.add(new VarInsnNode(Opcodes.DLOAD, t));
            in.add(new VarInsnNode(Opcodes.DSTORE, state[0]));
            in.add(new VarInsnNode(Opcodes.DLOAD, state[2]));
            in.add(new VarInsnNode(Opcodes.DLOAD, element));
            in.add(new InsnNode(Opcodes.DADD));
            in.add(new VarInsnNode(Opcodes.DSTORE, state[2]));
        }

        /** Calls stage {@code k}'s function on the given locals: the lambda's body directly, or the interface. */
        private void call(int k, InsnList in, int... arguments) {
            Link link = links.get(k);
            Op op = link.op;
            Type[] sam = Type.getArgumentTypes(op.samDesc);
            if (link.lambda == null) {
                in.add(new VarInsnNode(Opcodes.ALOAD, held[k][0]));
                for (int i = 0; i < arguments.length; i++) {
                    in.add(new VarInsnNode(sam[i].getOpcode(Opcodes.ILOAD), arguments[i]));
                }
                in.add(new MethodInsnNode(Opcodes.INVOKEINTERFACE, op.function, op.sam, op.samDesc, true));
                return;
            }
            DirectCall direct = link.lambda;
            for (int i = 0; i < direct.captured.length; i++) {
                in.add(new VarInsnNode(direct.captured[i].getOpcode(Opcodes.ILOAD), held[k][i]));
            }
            for (int i = 0; i < arguments.length; i++) {
                in.add(new VarInsnNode(sam[i].getOpcode(Opcodes.ILOAD), arguments[i]));
                if (direct.casts[i] != null) {
                    in.add(new TypeInsnNode(Opcodes.CHECKCAST, direct.casts[i].getInternalName()));
                } else if (direct.conversions[i] != Opcodes.NOP) {
                    in.add(new InsnNode(direct.conversions[i]));
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
            } else if (wanted.getSort() != Type.OBJECT) {
                int widen = DirectCall.widening(returned, wanted);
                if (widen != Opcodes.NOP) {
                    in.add(new InsnNode(widen));
                }
            }
        }
    }
}
