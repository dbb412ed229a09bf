package dev.adjoint.internal.plan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

import dev.adjoint.internal.activity.ActivityAnalysis;
import dev.adjoint.internal.bytecode.Lambdas;
import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.Replacements;

/**
 * The stage that decides what cannot be differentiated: per instruction, the reason a value that carries a
 * derivative would be lost there (bits reinterpreted, a guarded JDK method or a constructor that cannot be followed,
 * an invokedynamic call site) and what to do about it. The derivative code refuses when it reaches the instruction,
 * never before, so that code paths the gradient does not take cost nothing.
 */
public final class Refusals implements Opcodes {

    private final MethodFacts m;
    /** Per instruction: the reason it cannot be differentiated, when it is reached; or null. */
    final String[] blocked;
    /** Per blocked instruction: what to do about it. */
    final String[] advice;
    /**
     * Per blocked instruction: whether the refusal waits for the function to return, and the instruction runs: the
     * construction of an exception, which the function may throw (then the exception propagates, as the contract
     * wants), or catch (then the gradient is refused, since derivatives kept in the exception are not followed).
     */
    final boolean[] refusesOnReturn;

    /** @return why instruction {@code i} cannot be differentiated, when it is reached; or null when it can */
    public String reason(int i) {
        return blocked[i];
    }

    /** @return what to do about the refusal of instruction {@code i}, or null for the general advice */
    public String advice(int i) {
        return advice[i];
    }

    /** @return whether the refusal of instruction {@code i} waits for the function to return (see above) */
    public boolean waitsForReturn(int i) {
        return refusesOnReturn[i];
    }

    Refusals(MethodFacts m, AdjointVariables variables) {
        this.m = m;
        int n = m.size();
        this.blocked = new String[n];
        this.advice = new String[n];
        this.refusesOnReturn = new boolean[n];
        // the engine's own replacements call the JDK only for values that carry no derivative
        boolean trusted = Replacements.isReplacementClass(m.owner);
        for (int i = 0; i < n; i++) {
            if (!m.isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = m.insn(i);
            if (m.activity.bitsViolation(i)) {
                blocked[i] = m.activity.lostDerivative(i) != null ? m.activity.lostDerivative(i)
                        : "bit reinterpretation of a value that carries a derivative (" + DerivativePlan.describe(insn)
                        + ")";
                advice[i] = "Declare a derivative rule for the method that does it (see docs/user-guide.md)";
            } else if (insn instanceof MethodInsnNode) {
                if (!trusted && variables.role[i] == Role.NONE) {
                    refuseCall(i, (MethodInsnNode) insn);
                }
            } else if (insn instanceof InvokeDynamicInsnNode && !isStringConcat(insn) && !Lambdas.isProxySite(insn)) {
                refuseCallSite(i, (InvokeDynamicInsnNode) insn);
            }
        }
    }

    /** A guarded JDK method or a constructor that receives a value that carries a derivative. */
    private void refuseCall(int i, MethodInsnNode mi) {
        CallPolicy.Kind kind = m.callKind(i);
        if (kind != CallPolicy.Kind.GUARDED && kind != CallPolicy.Kind.CONSTRUCTOR
                || !receivesDerivatives(i, kind == CallPolicy.Kind.GUARDED
                        && CallPolicy.movesReferences(mi.owner, mi.name, mi.desc))) {
            return;
        }
        boolean userConstructor = kind == CallPolicy.Kind.CONSTRUCTOR && !CallPolicy.isJdk(mi.owner);
        ConstructorAnalysis constructors = m.constructors;
        String why = userConstructor && constructors != null ? constructors.analyze(mi.owner, mi.desc).reason : null;
        blocked[i] = userConstructor
                ? "a value that carries a derivative passed to the constructor of "
                    + mi.owner.replace('/', '.') + (why == null ? "" : ": " + why)
                : CallPolicy.blockedConstruct(mi.owner, mi.name, false);
        advice[i] = userConstructor ? "Create the object outside the function, or make the constructor "
                + "only store its parameters" : CallPolicy.blockedAdvice(mi.owner);
        if (userConstructor && constructors != null && constructors.isThrowable(mi.owner)) {
            refusesOnReturn[i] = true;
            advice[i] = "The exception was caught inside the function: derivatives kept in exceptions "
                    + "are not followed";
        }
    }

    /** An invokedynamic call site, other than string concatenation and lambdas the engine links itself. */
    private void refuseCallSite(int i, InvokeDynamicInsnNode indy) {
        if (!receivesDerivatives(i, false) && !m.active(i)) {
            return;
        }
        boolean lambda = "java/lang/invoke/LambdaMetafactory".equals(indy.bsm.getOwner());
        blocked[i] = lambda
                ? "a lambda, created inside differentiated code, that captures a value that may carry a "
                    + "derivative (lambdas are not differentiated yet)"
                : "an invokedynamic call site (" + indy.bsm.getOwner().replace('/', '.') + "."
                    + indy.bsm.getName() + ") that receives or returns a value that carries a derivative";
        advice[i] = lambda ? "Use a named class that implements the interface instead of the lambda"
                : "Declare a derivative rule for the code involved (see docs/user-guide.md)";
    }

    private static boolean isStringConcat(AbstractInsnNode insn) {
        return CallPolicy.isPassiveBootstrap(((InvokeDynamicInsnNode) insn).bsm.getOwner());
    }

    /** Whether any argument of call {@code i} may carry a derivative: a varied number, or a reference to data. */
    private boolean receivesDerivatives(int i, boolean referencesAllowed) {
        FlowValue[] ops = m.flow.operands(i);
        boolean constructor = m.insn(i) instanceof MethodInsnNode && "<init>".equals(((MethodInsnNode) m.insn(i)).name);
        for (int k = constructor ? 1 : 0; k < ops.length; k++) {
            FlowValue v = ops[k];
            if (v.isFloating()) {
                for (int p : m.flow.producers(v)) {
                    if (m.activity.varied(p)) {
                        return true;
                    }
                }
            } else if (!referencesAllowed && v.isReference() && ActivityAnalysis.mayHoldDerivatives(v.type())) {
                return true;
            }
        }
        return false;
    }
}
