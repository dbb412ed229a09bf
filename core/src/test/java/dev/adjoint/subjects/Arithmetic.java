package dev.adjoint.subjects;

/** Straight-line arithmetic on every primitive type. */
public final class Arithmetic {

    private Arithmetic() {
    }

    public static double polynomial(double x) {
        return 3 * x * x * x - 2 * x * x + x - 7;
    }

    public static double quotient(double x) {
        return (x * x + 1) / (x - 3) - 1 / x;
    }

    public static double remainder(double x) {
        return (x * 7.5) % 2.25 + 3.0 % x;
    }

    public static double negation(double x) {
        double y = -x;
        return -(y * y * -x);
    }

    public static double viaFloat(double x) {
        float f = (float) x;
        float g = f * f + 2.5f * f;
        float h = -g / (f + 3f);
        return h * (double) f + h % 1.5f;
    }

    public static double truncations(double x) {
        int i = (int) x;
        long l = (long) (x * 10);
        double back = i + l * 0.5;
        return x * back + (double) (float) (int) (x * 3) + x;
    }

    public static double integerMix(double x) {
        int n = 3;
        long m = 5L;
        short s = 2;
        byte b = 1;
        char c = 2;
        boolean flag = x > 0;
        return x * n + m * x - s * x * x + (flag ? b : c) * x;
    }

    public static double reassigned(double x) {
        double a = x;
        a = a * a;
        a = a + x;
        a = a * (a = x + 1);
        return a;
    }

    public static double chained(double x) {
        double a;
        double b;
        a = b = x * 2;
        return a * b + a;
    }

    public static double constantResult(double x) {
        double unused = x * x;
        return 42.0;
    }

    public static double overwrittenInput(double x) {
        x = 3.0;
        return x * x;
    }
}
