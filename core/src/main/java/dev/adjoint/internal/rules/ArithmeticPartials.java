package dev.adjoint.internal.rules;

import java.util.List;
import java.util.function.IntFunction;

import org.objectweb.asm.Opcodes;

/**
 * The partial derivatives of the JVM's floating-point arithmetic, as symbolic expressions over the instruction's
 * saved operands and result: the derivative rules of the instructions themselves, beside those of {@code Math}
 * (MathRules) that calls use.
 */
public final class ArithmeticPartials implements Opcodes {

    private ArithmeticPartials() {
    }

    /** @return whether {@code opcode} is floating-point arithmetic with a rule here */
    public static boolean covers(int opcode) {
        switch (opcode) {
            case DADD: case FADD: case D2F: case F2D: case DSUB: case FSUB: case DNEG: case FNEG: case DMUL:
            case FMUL: case DDIV: case FDIV: case DREM: case FREM:
                return true;
            default:
                return false;
        }
    }

    /**
     * @param opcode  an opcode that {@link #covers} accepts
     * @param k       the operand, 0 or 1
     * @param operand operand {@code j}'s value as the pullback sees it (saved, or the constant it is), and the
     *                result for {@link Sym.Saved#RESULT}
     * @param node    the instruction, which {@link Sym.Saved} refers to
     * @return d result / d operand {@code k}
     */
    public static Sym partial(int opcode, int k, IntFunction<Sym> operand, int node) {
        switch (opcode) {
            case DADD: case FADD: case D2F: case F2D:
                return Sym.ONE;
            case DSUB: case FSUB:
                return k == 0 ? Sym.ONE : Sym.MINUS_ONE;
            case DNEG: case FNEG:
                return Sym.MINUS_ONE;
            case DMUL: case FMUL:
                return operand.apply(1 - k);
            case DDIV: case FDIV:
                return k == 0 ? Sym.div(Sym.ONE, operand.apply(1))
                        : Sym.neg(Sym.div(operand.apply(Sym.Saved.RESULT), operand.apply(1)));
            case DREM: case FREM:
                return k == 0 ? Sym.ONE : new Sym.Call("dev/adjoint/internal/rules/MathRules", "remainderDivisor",
                        "(DDD)D", List.of(new Sym.Saved(node, 0), new Sym.Saved(node, 1),
                                new Sym.Saved(node, Sym.Saved.RESULT)));
            default:
                throw new IllegalArgumentException("no arithmetic rule for opcode " + opcode);
        }
    }
}
