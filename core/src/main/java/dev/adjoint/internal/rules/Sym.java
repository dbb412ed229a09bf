package dev.adjoint.internal.rules;

import java.util.List;

/**
 * A symbolic scalar expression over values the augmented primal keeps in locals: the local partial derivatives of
 * an expression tree, simplified as they are built so that constant partials cost nothing at run time.
 */
public abstract class Sym {

    /** A constant. */
    public static final class Const extends Sym {
        public final double value;

        public Const(double value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value == (long) value ? String.valueOf((long) value) : String.valueOf(value);
        }
    }

    /**
     * A value the augmented primal saved in a local: an operand of a node ({@code operand >= 0}) or its result
     * ({@code operand == RESULT}).
     */
    public static final class Saved extends Sym {
        public static final int RESULT = -1;
        public final int node;
        public final int operand;

        public Saved(int node, int operand) {
            this.node = node;
            this.operand = operand;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Saved && ((Saved) o).node == node && ((Saved) o).operand == operand;
        }

        @Override
        public int hashCode() {
            return node * 31 + operand;
        }

        @Override
        public String toString() {
            return operand == RESULT ? "r" + node : "v" + node + "." + operand;
        }
    }

    /** A local of the augmented primal that already holds a computed {@code double}. */
    public static final class Temp extends Sym {
        public final int local;

        public Temp(int local) {
            this.local = local;
        }

        @Override
        public String toString() {
            return "t" + local;
        }
    }

    public static final class Neg extends Sym {
        public final Sym a;

        public Neg(Sym a) {
            this.a = a;
        }

        @Override
        public String toString() {
            return "-" + a;
        }
    }

    /**
     * A binary operation: {@code '+'}, {@code '-'}, {@code '*'}, {@code '/'}, or {@link #TERM}, a product that a
     * zero factor makes zero whatever the other (see {@link #term}).
     */
    public static final class Bin extends Sym {
        public final char op;
        public final Sym a;
        public final Sym b;

        public Bin(char op, Sym a, Sym b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        /** @return the operator as arithmetic writes it ({@code '*'} for a term) */
        public char arithmetic() {
            return op == TERM ? '*' : op;
        }

        @Override
        public String toString() {
            return "(" + a + " " + arithmetic() + " " + b + ")";
        }
    }

    /** A call of a static partial-derivative method with saved values as arguments, in their own types. */
    public static final class Call extends Sym {
        public final String owner;
        public final String name;
        public final String descriptor;
        public final List<Saved> args;

        public Call(String owner, String name, String descriptor, List<Saved> args) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.args = args;
        }

        @Override
        public String toString() {
            return name + args;
        }
    }

    /** The operator of {@link #term}. */
    public static final char TERM = 'z';

    public static final Const ZERO = new Const(0.0);
    public static final Const ONE = new Const(1.0);
    public static final Const MINUS_ONE = new Const(-1.0);

    public static Sym constant(double v) {
        return v == 0.0 && Double.doubleToRawLongBits(v) == 0 ? ZERO : v == 1.0 ? ONE : new Const(v);
    }

    public boolean isConst() {
        return this instanceof Const;
    }

    public boolean isConst(double v) {
        return this instanceof Const && ((Const) this).value == v;
    }

    public static Sym neg(Sym a) {
        if (a instanceof Const) {
            return constant(-((Const) a).value);
        }
        if (a instanceof Neg) {
            return ((Neg) a).a;
        }
        return new Neg(a);
    }

    public static Sym mul(Sym a, Sym b) {
        if (a.isConst(0) || b.isConst(0)) {
            return ZERO;
        }
        if (a.isConst(1)) {
            return b;
        }
        if (b.isConst(1)) {
            return a;
        }
        if (a.isConst(-1)) {
            return neg(b);
        }
        if (b.isConst(-1)) {
            return neg(a);
        }
        if (a instanceof Const && b instanceof Const) {
            return constant(((Const) a).value * ((Const) b).value);
        }
        if (a instanceof Neg && b instanceof Neg) {
            return mul(((Neg) a).a, ((Neg) b).a);
        }
        if (a instanceof Neg) {
            return neg(mul(((Neg) a).a, b));
        }
        if (b instanceof Neg) {
            return neg(mul(a, ((Neg) b).a));
        }
        return new Bin('*', a, b);
    }

    /**
     * A product of the chain rule, a sensitivity times a partial, where a zero factor makes the product zero even
     * when the other is infinite or NaN: the square root's partial at 0 on a path that a zero weight, or a {@code min}
     * that picks its other argument, cuts off from the result. A term where a factor {@linkplain #mayBeNonFinite may
     * be non-finite}, else the plain product. Lowered as a call of {@code Tangents.term}, the helper that tangent code
     * multiplies with too.
     */
    public static Sym term(Sym sensitivity, Sym partial) {
        if (sensitivity instanceof Const && Double.isFinite(((Const) sensitivity).value)
                || partial instanceof Const && Double.isFinite(((Const) partial).value)
                || !sensitivity.mayBeNonFinite() && !partial.mayBeNonFinite()) {
            return mul(sensitivity, partial);
        }
        if (sensitivity instanceof Neg) {
            return neg(term(((Neg) sensitivity).a, partial));
        }
        return new Bin(TERM, sensitivity, partial);
    }

    /**
     * @return whether the value may be infinite or NaN where the function's values are finite: it involves a partial
     *         given by a rule (the square root's at 0, the arcsine's at 1, {@code pow}'s in its exponent at a
     *         negative base), or a constant that is not finite. A quotient's partials are not counted: they are
     *         infinite only where the quotient is.
     */
    public boolean mayBeNonFinite() {
        if (this instanceof Const) {
            return !Double.isFinite(((Const) this).value);
        }
        if (this instanceof Neg) {
            return ((Neg) this).a.mayBeNonFinite();
        }
        if (this instanceof Bin) {
            Bin b = (Bin) this;
            return b.a.mayBeNonFinite() || b.b.mayBeNonFinite();
        }
        return this instanceof Call;
    }

    public static Sym add(Sym a, Sym b) {
        if (a == null) {
            return b;
        }
        if (a.isConst(0)) {
            return b;
        }
        if (b.isConst(0)) {
            return a;
        }
        if (a instanceof Const && b instanceof Const) {
            return constant(((Const) a).value + ((Const) b).value);
        }
        if (b instanceof Neg) {
            return new Bin('-', a, ((Neg) b).a);
        }
        return new Bin('+', a, b);
    }

    public static Sym div(Sym a, Sym b) {
        if (a.isConst(0)) {
            return ZERO;
        }
        if (b.isConst(1)) {
            return a;
        }
        if (a instanceof Const && b instanceof Const) {
            return constant(((Const) a).value / ((Const) b).value);
        }
        return new Bin('/', a, b);
    }
}
