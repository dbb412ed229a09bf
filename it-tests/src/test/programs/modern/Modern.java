import dev.adjoint.AD;

/// Java 25 in differentiated code: a record with a compact constructor, record patterns with an unnamed
/// variable, a switch expression that yields, and a constructor that computes before `super(...)`.
/// Compiled with `--release 25`; its derivative is
/// 14x + 2cos(x) - 2exp(-x) + 3(x - 1).
public final class Modern {

    private Modern() {
    }

    record Spring(double k, double rest) {
        Spring {
            if (k <= 0) {
                throw new IllegalArgumentException("stiffness must be positive: " + k);
            }
        }

        double energy(double x) {
            double d = x - rest;
            return 0.5 * k * d * d;
        }
    }

    static class Base {
        final double v;

        Base(double v) {
            this.v = v;
        }
    }

    static final class Squared extends Base {
        Squared(double x) {
            double twice = 2 * x; // a statement before super(...): final in Java 25
            super(twice * twice);
        }
    }

    /** 2x^2 + 2 sin(x) + 2 exp(-x). */
    static double staged(double x) {
        double acc = 0;
        for (int i = 0; i < 5; i++) {
            acc += switch (i % 3) {
                case 0 -> x * x;
                case 1 -> Math.sin(x);
                default -> {
                    double t = Math.exp(-x);
                    yield t * i;
                }
            };
        }
        return acc;
    }

    /** k^2 for a spring of stiffness k. */
    static double stiffnessSquared(Object o) {
        if (o instanceof Spring(double k, var _)) {
            return k * k;
        }
        return 0;
    }

    static double model(double x) {
        Spring fixed = new Spring(3, 1);
        return staged(x) + fixed.energy(x) + new Squared(x).v + stiffnessSquared(new Spring(x, 0.5));
    }

    public static void main(String[] args) {
        System.out.println("java=" + Runtime.version().feature());
        for (String a : args) {
            double x = Double.parseDouble(a);
            System.out.println("value(" + a + ")=" + model(x));
            System.out.println("gradient(" + a + ")=" + AD.gradient(Modern::model, x));
        }
    }
}
