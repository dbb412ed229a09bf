package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Calls a lambda's body directly where the method that makes the lambda also calls it: {@code Ode ode = (t, y, dy)
 * -> ...; for (...) ode.f(t, y, dy);} calls {@code lambda$m$0(k, c, t, y, dy)} with the captured values, a static or
 * private method of the class itself, which {@link Inlining} can then inline like any other. The object the
 * {@code LambdaMetafactory} makes keeps a class the JDK spins, which class files do not name, so the interface call
 * would otherwise stay a call through a companion on every pass.
 *
 * <p>A call qualifies when its receiver is, on every path, the lambda of one {@code invokedynamic} of
 * {@code LambdaMetafactory.metafactory} ({@link Sources} following copies through locals), the call names the
 * lambda's interface method with its erased descriptor, the body is a static or private method of the host whose
 * parameters are the captured values and then the interface method's, unconverted, and the {@code invokedynamic} is
 * in no loop, so that it runs at most once and the values it captured are the ones the receiver holds. The captured
 * values are kept in locals of their own where the lambda is made; the lambda is still made, for every other use.
 */
final class LocalLambdas implements Opcodes {

    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private LocalLambdas() {
    }

    /** Whether {@code insn} makes a lambda with {@code LambdaMetafactory.metafactory}. */
    static boolean isMetafactory(AbstractInsnNode insn) {
        return insn instanceof InvokeDynamicInsnNode indy && METAFACTORY.equals(indy.bsm.getOwner())
                && "metafactory".equals(indy.bsm.getName()) && indy.bsmArgs.length == 3
                && indy.bsmArgs[0] instanceof Type && indy.bsmArgs[1] instanceof Handle;
    }

    /**
     * Rewrites the qualifying calls of {@code m}, a method of {@code host}, in place.
     *
     * @return how many calls now call a lambda's body
     */
    static int direct(String host, MethodNode m) {
        if (!hasCandidates(m)) {
            return 0;
        }
        Sources sources = Sources.of(host, m, true);
        if (sources == null) {
            return 0;
        }
        AbstractInsnNode[] code = m.instructions.toArray();
        Map<LabelNode, Integer> position = LoopSpan.positions(code);
        Map<InvokeDynamicInsnNode, int[]> captures = new HashMap<>();
        List<MethodInsnNode> calls = new ArrayList<>();
        List<InvokeDynamicInsnNode> sites = new ArrayList<>();
        List<AbstractInsnNode> receivers = new ArrayList<>();
        for (AbstractInsnNode insn : code) {
            if (insn.getOpcode() != INVOKEINTERFACE || !sources.reached(insn)) {
                continue;
            }
            MethodInsnNode call = (MethodInsnNode) insn;
            int arguments = Type.getArgumentTypes(call.desc).length;
            SourceValue receiver = sources.operand(call, 0, arguments + 1);
            AbstractInsnNode made = sources.origin(receiver, INVOKEDYNAMIC);
            if (made instanceof InvokeDynamicInsnNode indy && fits(host, indy, call)
                    && !inLoop(indy, code, position)) {
                calls.add(call);
                sites.add(indy);
                AbstractInsnNode load = receiver.insns.iterator().next();
                receivers.add(load.getOpcode() == ALOAD && pushedOnlyFor(load, call) ? load : null);
            }
        }
        for (int k = 0; k < calls.size(); k++) {
            InvokeDynamicInsnNode indy = sites.get(k);
            int[] kept = captures.computeIfAbsent(indy, i -> keepCaptured(m, i));
            if (receivers.get(k) != null) {
                loadCaptured(m, receivers.get(k), calls.get(k), indy, kept);
            } else {
                callBody(m, calls.get(k), indy, kept);
            }
        }
        return calls.size();
    }

    private static boolean hasCandidates(MethodNode m) {
        boolean lambda = false;
        boolean call = false;
        for (AbstractInsnNode insn : m.instructions) {
            lambda |= isMetafactory(insn);
            call |= insn.getOpcode() == INVOKEINTERFACE;
        }
        return lambda && call;
    }

    /**
     * Whether {@code call} calls the interface method that {@code indy}'s lambda implements, with a body of the host
     * that takes the captured values and the call's arguments as they are.
     */
    private static boolean fits(String host, InvokeDynamicInsnNode indy, MethodInsnNode call) {
        if (!isMetafactory(indy) || !indy.name.equals(call.name)
                || !((Type) indy.bsmArgs[0]).getDescriptor().equals(call.desc)
                || !Type.getReturnType(indy.desc).getInternalName().equals(call.owner)) {
            return false;
        }
        Handle body = (Handle) indy.bsmArgs[1];
        if (!body.getOwner().equals(host)
                || body.getTag() != H_INVOKESTATIC && body.getTag() != H_INVOKESPECIAL) {
            return false;
        }
        List<Type> wanted = new ArrayList<>();
        if (body.getTag() != H_INVOKESTATIC) {
            wanted.add(Type.getObjectType(host));
        }
        wanted.addAll(List.of(Type.getArgumentTypes(body.getDesc())));
        List<Type> given = new ArrayList<>(List.of(Type.getArgumentTypes(indy.desc)));
        given.addAll(List.of(Type.getArgumentTypes(call.desc)));
        return wanted.equals(given)
                && Type.getReturnType(body.getDesc()).equals(Type.getReturnType(call.desc));
    }

    /** Whether a jump back goes round {@code insn}, so that it may run more than once per call of the method. */
    private static boolean inLoop(AbstractInsnNode insn, AbstractInsnNode[] code, Map<LabelNode, Integer> position) {
        int p = indexOf(insn, code);
        for (int j = 0; j < code.length; j++) {
            for (LabelNode target : Inlining.targets(code[j])) {
                int h = position.get(target);
                if (h <= p && p <= j) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the value {@code load} pushes can only be {@code call}'s receiver: the two are in one stretch without
     * labels or jumps, and nothing between them copies, swaps or drops stack values (a {@code dup} of the receiver
     * would copy what replaces it).
     */
    private static boolean pushedOnlyFor(AbstractInsnNode load, AbstractInsnNode call) {
        for (AbstractInsnNode i = load.getNext(); i != call; i = i.getNext()) {
            if (i == null || i instanceof LabelNode || i.getType() == AbstractInsnNode.JUMP_INSN) {
                return false;
            }
            int op = i.getOpcode();
            if (op >= POP && op <= SWAP) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(AbstractInsnNode insn, AbstractInsnNode[] code) {
        for (int i = 0; i < code.length; i++) {
            if (code[i] == insn) {
                return i;
            }
        }
        throw new IllegalArgumentException("not in the method");
    }

    /**
     * Stores the values {@code indy} captures in new locals, and pushes them again for it.
     *
     * @return the locals, in the order of the captured values
     */
    private static int[] keepCaptured(MethodNode m, InvokeDynamicInsnNode indy) {
        Type[] captured = Type.getArgumentTypes(indy.desc);
        int[] locals = new int[captured.length];
        for (int i = 0; i < captured.length; i++) {
            locals[i] = m.maxLocals;
            m.maxLocals += captured[i].getSize();
        }
        InsnList keep = new InsnList();
        for (int i = captured.length - 1; i >= 0; i--) {
            keep.add(new VarInsnNode(captured[i].getOpcode(ISTORE), locals[i]));
        }
        for (int i = 0; i < captured.length; i++) {
            keep.add(new VarInsnNode(captured[i].getOpcode(ILOAD), locals[i]));
        }
        m.instructions.insertBefore(indy, keep);
        return locals;
    }

    /**
     * Replaces {@code call} by a call of the lambda's body where one load of a local pushes its receiver on every
     * path: that load pushes the captured values instead, and the arguments stay as they are pushed (so that an
     * inlined body reads the caller's locals, see {@link Inlining}).
     */
    private static void loadCaptured(MethodNode m, AbstractInsnNode load, MethodInsnNode call,
                                     InvokeDynamicInsnNode indy, int[] captured) {
        Type[] capturedTypes = Type.getArgumentTypes(indy.desc);
        InsnList in = new InsnList();
        int size = 0;
        for (int i = 0; i < capturedTypes.length; i++) {
            in.add(new VarInsnNode(capturedTypes[i].getOpcode(ILOAD), captured[i]));
            size += capturedTypes[i].getSize();
        }
        m.instructions.insertBefore(load, in);
        m.instructions.remove(load);
        m.instructions.set(call, bodyCall(indy));
        m.maxStack += size;
    }

    private static MethodInsnNode bodyCall(InvokeDynamicInsnNode indy) {
        Handle body = (Handle) indy.bsmArgs[1];
        int opcode = body.getTag() == H_INVOKESTATIC ? INVOKESTATIC : INVOKESPECIAL;
        return new MethodInsnNode(opcode, body.getOwner(), body.getName(), body.getDesc(), body.isInterface());
    }

    /**
     * Replaces {@code call} by a call of the lambda's body: the arguments are kept in new locals, the receiver
     * dropped, and the captured values pushed before the arguments again.
     */
    private static void callBody(MethodNode m, MethodInsnNode call, InvokeDynamicInsnNode indy, int[] captured) {
        Type[] capturedTypes = Type.getArgumentTypes(indy.desc);
        Type[] arguments = Type.getArgumentTypes(call.desc);
        int[] kept = new int[arguments.length];
        int size = 0;
        for (int i = 0; i < arguments.length; i++) {
            kept[i] = m.maxLocals;
            m.maxLocals += arguments[i].getSize();
            size += arguments[i].getSize();
        }
        InsnList in = new InsnList();
        for (int i = arguments.length - 1; i >= 0; i--) {
            in.add(new VarInsnNode(arguments[i].getOpcode(ISTORE), kept[i]));
        }
        in.add(new InsnNode(POP));
        for (int i = 0; i < capturedTypes.length; i++) {
            in.add(new VarInsnNode(capturedTypes[i].getOpcode(ILOAD), captured[i]));
            size += capturedTypes[i].getSize();
        }
        for (int i = 0; i < arguments.length; i++) {
            in.add(new VarInsnNode(arguments[i].getOpcode(ILOAD), kept[i]));
        }
        in.add(bodyCall(indy));
        m.instructions.insertBefore(call, in);
        m.instructions.remove(call);
        m.maxStack += size;
    }
}
