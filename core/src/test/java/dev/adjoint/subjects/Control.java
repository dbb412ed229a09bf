package dev.adjoint.subjects;

/** Branches, switches and loops whose trip count depends on the data. */
public final class Control {

    private Control() {
    }

    public static double branches(double x) {
        double y;
        if (x > 1) {
            y = x * x;
        } else if (x > -1) {
            y = Math.sin(x);
        } else {
            y = -x;
        }
        return y * 2;
    }

    public static double ternary(double x) {
        double a = x * 3;
        return a * (x > 0 ? x : -x) + (x < 10 ? Math.exp(x) : x);
    }

    public static double tableSwitch(double x) {
        double s = 0;
        for (int k = 0; k < 5; k++) {
            switch (k) {
                case 0: s += x; break;
                case 1: s += x * x; break;
                case 2: s *= x; break;
                case 3: s -= Math.cos(x); break;
                default: s /= x;
            }
        }
        return s;
    }

    public static double lookupSwitch(double x) {
        int key = (int) (x * 100);
        switch (key) {
            case -5000: return x;
            case 123: return x * x * x;
            case 70000: return 1 / x;
            default: return Math.sqrt(x) * x;
        }
    }

    public static double whileLoop(double x) {
        double y = x;
        int steps = 0;
        while (y < 100) {
            y = y * 1.5 + x;
            steps++;
        }
        return y + steps;
    }

    /** The fixed point of v = sqrt(v + x), (1 + sqrt(1 + 4x)) / 2, by iteration. */
    public static double doWhile(double x) {
        double v = x;
        double previous;
        do {
            previous = v;
            v = Math.sqrt(v + x);
        } while (Math.abs(v - previous) > 1e-15 * v);
        return v;
    }

    public static double newton(double a) {
        // square root by Newton's method, a data-dependent trip count
        double r = a;
        for (int i = 0; i < 100; i++) {
            double next = 0.5 * (r + a / r);
            if (Math.abs(next - r) < 1e-15 * r) {
                return next;
            }
            r = next;
        }
        return r;
    }

    public static double breakContinue(double x) {
        double s = 0;
        for (int i = 0; i < 20; i++) {
            if (i % 3 == 0) {
                continue;
            }
            s += x / i;
            if (s > 5 * x) {
                break;
            }
        }
        return s;
    }

    public static double nestedLoops(double x) {
        double s = 0;
        for (int i = 1; i <= 4; i++) {
            for (int j = 1; j <= i; j++) {
                s += Math.pow(x, j) / i;
            }
        }
        return s;
    }

    public static double earlyReturns(double x) {
        if (x < 0) {
            return x * x;
        }
        double t = x * 2;
        if (t > 3) {
            return t * t * t;
        }
        return Math.log(1 + t);
    }

    public static double comparisons(double x) {
        float f = (float) x;
        long bits = (long) x;
        double r = 0;
        if (x >= 0.5) {
            r += x;
        }
        if (f < 2f) {
            r += x * x;
        }
        if (bits != 3) {
            r += 2 * x;
        }
        if (Double.compare(x, 1.0) > 0) {
            r *= x;
        }
        return r;
    }
}
