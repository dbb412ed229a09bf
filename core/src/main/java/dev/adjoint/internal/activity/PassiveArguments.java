package dev.adjoint.internal.activity;

import org.objectweb.asm.Type;

/**
 * Which floating-point parameters of a method its caller passes without a derivative (a constant, a value computed
 * from constants): bit j for the method's j-th argument, the receiver not counted. A companion generated for such a
 * call takes those parameters as values like any other, not as inputs, so code that turns them into bits or text (a
 * library's arbitrary-precision number made from a constant, {@code Dfp}'s {@code newInstance(2.0)}) runs as it does
 * outside a gradient instead of being refused for a derivative that is not there. Values read from the heap and
 * returned by calls stay varied, so nothing the method reads elsewhere loses its derivative.
 */
public final class PassiveArguments {

    /** Every floating-point parameter may carry a derivative: the general companion. */
    public static final int NONE = 0;

    private PassiveArguments() {
    }

    /**
     * @param hasReceiver whether the call's first operand is a receiver
     * @param desc        the called method's descriptor
     * @param variedMask  which operands may carry derivatives at the call (bit k: operand k, receiver first; bit 31
     *                    stands for every operand from 31 on)
     * @return the floating-point parameters that carry no derivative into the method
     */
    public static int of(boolean hasReceiver, String desc, int variedMask) {
        Type[] args = Type.getArgumentTypes(desc);
        int first = hasReceiver ? 1 : 0;
        int passive = NONE;
        for (int j = 0; j < args.length && j + first < 31; j++) {
            if (isFloating(args[j]) && (variedMask & 1 << (j + first)) == 0) {
                passive |= 1 << j;
            }
        }
        return passive;
    }

    /** @return whether argument {@code j} is among {@code passive} */
    public static boolean contains(int passive, int j) {
        return j < 31 && (passive & 1 << j) != 0;
    }

    private static boolean isFloating(Type t) {
        return t.getSort() == Type.DOUBLE || t.getSort() == Type.FLOAT;
    }
}
