package dev.adjoint.internal.activity;

/** Validation targets of {@link ActivityValidationTest}: which lines compute with values that carry derivatives. */
final class ActivityTargets {

    private ActivityTargets() {
    }

    static double mixed(double x, int n, double[] out) {
        double a = x * x;                          // expect: active
        double scale = 2.0 * n;                    // expect: passive
        int k = n * 3 + 1;                         // expect: passive
        double b = a * scale + k;                  // expect: active
        double label = Math.sqrt(n);               // expect: passive
        out[0] = label;                            // expect: passive
        double ignored = Math.sin(x);              // expect: passive
        int steps = (int) b;                       // expect: passive
        return b + steps;                          // expect: active
    }

    static double throughHeap(double[] x) {
        double s = x[0] * x[1];                    // expect: active
        int len = x.length;                        // expect: passive
        return s / len;                            // expect: active
    }
}
