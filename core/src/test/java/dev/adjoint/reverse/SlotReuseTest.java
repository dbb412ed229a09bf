package dev.adjoint.reverse;

import org.junit.jupiter.api.Test;

import dev.adjoint.testing.Check;

/**
 * javac gives a local's slots to another local once its scope ends, including the upper slot of a {@code double}
 * (LocalSplitter): gradients through every such reuse against central differences.
 */
class SlotReuseTest {

    /** {@code i} takes the upper slot of {@code t}; {@code q} the lower one and the one above. */
    static double intInUpperHalf(double[] x) {
        double s = 0;
        {
            int p = x.length;
            double t = x[0] * p;
            s += t;
        }
        {
            double q = x[1];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * q;
            }
        }
        return s;
    }

    /** A reference in the upper slot of a double, and a float where an int was, in a loop. */
    static double referenceAndFloatInUpperHalves(double[] x) {
        double s = 0;
        {
            int a = 1;
            double t = x[2] * a;
            int b = 2;
            double u = x[3] * b;
            s += t * u;
        }
        {
            double q = x[0];
            double[] row = x;
            float f = 0.5f;
            for (int i = 0; i < row.length; i++) {
                s += row[i] * q * f;
                f += 0.25f;
            }
        }
        return s;
    }

    /** A double whose lower slot is another double's upper one. */
    static double overlappingDoubles(double[] x) {
        double s = 0;
        {
            int k = 0;
            double t = x[k] * x[k + 1];
            s += t;
        }
        {
            double w = x[2];
            int j = 1;
            while (j < x.length) {
                s += w * x[j] * x[j - 1];
                w = w * 0.5 + x[j];
                j++;
            }
        }
        return s;
    }

    private static final double[] X = {0.4, -1.2, 0.7, 1.5, -0.3, 0.9};

    @Test
    void an_int_loop_index_in_the_upper_slot_of_a_double() {
        Check.gradient(SlotReuseTest::intInUpperHalf, X, 1e-7);
        Check.hessian(SlotReuseTest::intInUpperHalf, X);
    }

    @Test
    void a_reference_in_the_upper_slot_of_a_double() {
        Check.gradient(SlotReuseTest::referenceAndFloatInUpperHalves, X, 1e-7);
    }

    @Test
    void a_double_over_the_upper_slot_of_another() {
        Check.gradient(SlotReuseTest::overlappingDoubles, X, 1e-7);
        Check.hessian(SlotReuseTest::overlappingDoubles, X);
    }
}
