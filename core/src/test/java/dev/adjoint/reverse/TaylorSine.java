package dev.adjoint.reverse;

/** The seed's Taylor-series sine, with its printing, isodd and factorial. */
public final class TaylorSine {

    private TaylorSine() {
    }

    public static double sine(double x) {
        double s = 0;
        for (int i = 1; i <= 11; i++) {
            System.out.println("i=" + i);
            if (isodd(i)) {
                double sign = (i / 2) % 2 == 0 ? 1.0 : -1.0;
                s += sign * Math.pow(x, i) / factorial(i);
            }
        }
        return s;
    }

    static boolean isodd(int i) {
        return i % 2 == 1;
    }

    static double factorial(int n) {
        return n <= 1 ? 1.0 : n * factorial(n - 1);
    }
}
