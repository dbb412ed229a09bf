package dev.adjoint.examples.sine;

import dev.adjoint.AD;
import dev.adjoint.Differentiable;

/**
 * The seed program: sin(x) by its Taylor series, written as plainly as in the Zygote paper, printing as it goes.
 * Adjoint differentiates it as it is, by reverse mode ({@code AD.gradient}) and by forward mode
 * ({@code AD.derivative}). The series stops at x^11/11!, so its derivative is cos(x) to about 1e-9 at x = 1.
 */
public final class TaylorSine implements Differentiable {

    private TaylorSine() {
    }

    /** sin(x) = x - x^3/3! + x^5/5! - ... */
    public static double sine(double x) {
        double sum = 0;
        for (int i = 1; i <= 11; i++) {
            System.out.println("i=" + i);
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

    public static void main(String[] args) {
        double x = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        double gradient = AD.gradient(TaylorSine::sine, x);
        System.out.println("gradient (reverse mode) = " + gradient);
        System.out.println("cos(" + x + ")            = " + Math.cos(x));
    }
}
