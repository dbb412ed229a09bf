import java.util.function.DoubleSupplier;

import dev.adjoint.AD;

/**
 * Functions that throw. Each is called once directly and once through AD with the same argument; the program
 * prints the class and message of both exceptions, then a gradient at a point where the function does not throw.
 */
public final class Throwing {

    private Throwing() {
    }

    /** The program's own exception type, to see that it is not wrapped or replaced. */
    static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Overflow(String message) {
            super(message);
        }
    }

    static double guarded(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative input: " + x);
        }
        return Math.sqrt(x) * x;
    }

    static double deep(double x) {
        return nested(x, 10);
    }

    static double nested(double x, int depth) {
        if (depth == 0) {
            if (x > 100) {
                throw new Overflow("too large: " + x);
            }
            return Math.exp(x / 10);
        }
        return nested(x, depth - 1) * 1.5;
    }

    static double divides(double x) {
        int k = 7 / (int) x;
        return x * x * k;
    }

    static double indexes(double[] v) {
        double s = 0;
        for (int i = 0; i <= v.length; i++) {
            s += v[i] * v[i];
        }
        return s;
    }

    static double sums(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d * d;
        }
        return s;
    }

    public static void main(String[] args) {
        compare("iae", () -> guarded(-1), () -> AD.gradient(Throwing::guarded, -1));
        System.out.println("after.iae=" + AD.gradient(Throwing::guarded, 4));
        compare("own", () -> deep(150), () -> AD.gradient(Throwing::deep, 150));
        System.out.println("after.own=" + AD.gradient(Throwing::deep, 2));
        compare("arith", () -> divides(0.5), () -> AD.gradient(Throwing::divides, 0.5));
        System.out.println("after.arith=" + AD.gradient(Throwing::divides, 3));
        double[] v = {1, 2};
        compare("index", () -> indexes(v), () -> AD.gradient(Throwing::indexes, v)[0]);
        double[] g = AD.gradient(Throwing::sums, v);
        System.out.println("after.index=" + g[0] + "," + g[1]);
    }

    static void compare(String name, DoubleSupplier direct, DoubleSupplier differentiated) {
        System.out.println(name + ".direct=" + outcome(direct));
        System.out.println(name + ".ad=" + outcome(differentiated));
    }

    static String outcome(DoubleSupplier s) {
        try {
            return "returned " + s.getAsDouble();
        } catch (Throwable t) {
            return t.getClass().getName() + "|" + t.getMessage();
        }
    }
}
