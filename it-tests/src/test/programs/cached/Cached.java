import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;

/**
 * Several gradients through several classes (a lambda, method references, a class that implements a function),
 * in reverse and forward mode, for the tests of the cache and of 'ad instrument'. Prints "key=value" lines.
 */
public final class Cached {

    private Cached() {
    }

    static double xSinX(double x) {
        return x * Math.sin(x);
    }

    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            s += a * a + 100 * b * b;
        }
        return s;
    }

    /** A polynomial with its coefficients in an array, lowest degree first. */
    static final class Polynomial implements ScalarFunction {
        private final double[] c;

        Polynomial(double... c) {
            this.c = c;
        }

        @Override
        public double apply(double x) {
            double y = 0;
            for (int i = c.length - 1; i >= 0; i--) {
                y = y * x + c[i];
            }
            return y;
        }
    }

    public static void main(String[] args) {
        double scale = 3;
        System.out.println("xsinx=" + AD.gradient(Cached::xSinX, 1.25));
        System.out.println("xsinx.forward=" + AD.derivative(Cached::xSinX, 1.25));
        System.out.println("captured=" + AD.gradient((ScalarFunction) x -> scale * Math.exp(x), 0.5));
        double[] g = AD.gradient((MultivariateFunction) Cached::rosenbrock, new double[] {-1.2, 1.0, 0.5});
        System.out.println("rosenbrock=" + g[0] + "," + g[1] + "," + g[2]);
        System.out.println("polynomial=" + AD.gradient(new Polynomial(1, 2, 3), 0.5));
    }
}
