package dev.adjoint.internal.plan;

import java.util.ArrayList;
import java.util.List;

import dev.adjoint.internal.rules.ArithmeticPartials;
import dev.adjoint.internal.rules.Rule;
import dev.adjoint.internal.rules.Sym;

/**
 * The partial derivative of one instruction's result with respect to one operand, as a symbolic expression over
 * the values the instruction saw ({@link Sym.Saved}): from {@link ArithmeticPartials} for the JVM's arithmetic,
 * from the call's {@link Rule} otherwise. An operand that a constant instruction produced is folded in.
 */
final class LocalPartials {

    private final MethodFacts m;

    LocalPartials(MethodFacts m) {
        this.m = m;
    }

    /** The partial derivative of node {@code n}'s result with respect to its operand {@code k}. */
    Sym of(int n, int k) {
        int opcode = m.opcode(n);
        if (ArithmeticPartials.covers(opcode)) {
            return ArithmeticPartials.partial(opcode, k, j -> saved(n, j), n);
        }
        Rule.Partial partial = m.rule(n).partial(k);
        if (partial == null) {
            return Sym.ZERO;
        }
        if (partial.isConstant()) {
            return Sym.constant(partial.constantValue());
        }
        List<Sym.Saved> args = new ArrayList<>();
        int count = m.flow.operands(n).length;
        for (int j = 0; j < count; j++) {
            args.add(new Sym.Saved(n, j));
        }
        args.add(new Sym.Saved(n, Sym.Saved.RESULT));
        return new Sym.Call(partial.owner(), partial.name(), partial.descriptor(), args);
    }

    /** A saved operand, or the constant it is when a constant instruction produced it. */
    private Sym saved(int n, int k) {
        if (k >= 0) {
            Double c = m.constantOperand(n, k);
            if (c != null) {
                return Sym.constant(c);
            }
        }
        return new Sym.Saved(n, k);
    }
}
