package dev.adjoint.bench;

/**
 * The seed's Taylor sine without its printing, so that benchmark logs stay readable. It does not implement
 * {@code Differentiable}, so the agent prepares nothing ahead: the first gradient pays for all of its compilation.
 */
public final class QuietSine {

    private QuietSine() {
    }

    public static double sine(double x) {
        double sum = 0;
        for (int i = 1; i <= 11; i++) {
            if (isodd(i)) {
                double sign = ((i - 1) / 2) % 2 == 0 ? 1 : -1;
                sum += sign * Math.pow(x, i) / factorial(i);
            }
        }
        return sum;
    }

    static boolean isodd(int n) {
        return n % 2 == 1;
    }

    static double factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}
