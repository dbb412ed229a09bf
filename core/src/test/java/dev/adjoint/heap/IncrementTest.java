package dev.adjoint.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.testing.Check;

/**
 * In-place increments {@code a[i] += e}, or {@code a[i] = a[i] + e}: the pullback leaves the element's adjoint in place instead of moving it
 * out and adding it back (DerivativePlan.increment). Around them, the cases where that would be wrong: the old
 * value or the sum used again, an alias written between the read and the store, a call in between.
 */
class IncrementTest {

    /** Row-major matrix times vector, accumulated in place: y[i] += m[i·n + j] · v[j]. */
    static double matrixVector(double[] x) {
        int n = 4;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                y[i] += x[i * n + j] * Math.sin(x[j]);
            }
        }
        double s = 0;
        for (double e : y) {
            s += e * e;
        }
        return s;
    }

    /** The same product written out: y[i] = y[i] + m[i·n + j] · v[j] loads the array and index again. */
    static double matrixVectorWrittenOut(double[] x) {
        int n = 4;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                y[i] = y[i] + x[i * n + j] * Math.sin(x[j]);
            }
        }
        double s = 0;
        for (double e : y) {
            s += e * e;
        }
        return s;
    }

    /** Read through one name, stored through another that is sometimes the same array: not an increment. */
    static double readOneStoreOther(double[] x) {
        double[] a = x.clone();
        double[] b = x.clone();
        double s = 0;
        for (int round = 0; round < 2; round++) {
            double[] to = round == 0 ? b : a;
            for (int i = 0; i < a.length; i++) {
                to[i] = a[i] + x[i] * x[(i + 3) % x.length];
            }
            s += a[2] * b[5];
        }
        return s + a[1] * b[1];
    }

    /** The old value is read into a local and used again after the increment. */
    static double oldValueUsedAgain(double[] x) {
        double[] a = x.clone();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double old = a[i];
            a[i] = old + x[(i + 1) % x.length] * 2;
            s += old * a[i];
        }
        return s;
    }

    /** The sum is used again: s += (a[i] += e). */
    static double sumUsedAgain(double[] x) {
        double[] a = new double[x.length];
        double s = 0;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < a.length; i++) {
                s += a[i] += x[i] * x[i] * (round + 1);
            }
        }
        return s * a[0];
    }

    /** The same array under two names: b[i] += a[i] · c reads the element it increments through the other name. */
    static double aliased(double[] x) {
        double[] a = x.clone();
        double[] b = a;
        for (int i = 0; i < a.length; i++) {
            b[i] += a[i] * x[0];
        }
        return a[1] * a[2] + b[3];
    }

    static double doubleAndReport(double[] a, int i) {
        a[i] = 2 * a[i];
        return a[i];
    }

    /** A call between the read and the store writes the element: the store overwrites what the call wrote. */
    static double callBetween(double[] x) {
        double[] a = x.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] + doubleAndReport(a, i) * x[i];
        }
        double s = 0;
        for (double e : a) {
            s += e * e;
        }
        return s;
    }

    private static final double[] X = {0.3, -0.7, 1.1, 0.45, -0.2, 0.8, 0.15, -1.3, 0.6, 0.25, -0.4, 0.9, 1.4, -0.1,
        0.05, 0.7};

    private static void agrees(dev.adjoint.MultivariateFunction f) {
        Check.gradient(f, X, 1e-7);
    }

    @Test
    void a_matrix_vector_product_accumulated_in_place() {
        agrees(IncrementTest::matrixVector);
    }

    @Test
    void the_same_product_written_out_as_a_store_of_a_sum() {
        agrees(IncrementTest::matrixVectorWrittenOut);
        Check.hessian(IncrementTest::matrixVectorWrittenOut, X);
    }

    @Test
    void an_element_read_through_one_name_and_stored_through_another() {
        agrees(IncrementTest::readOneStoreOther);
    }

    @Test
    void a_hessian_through_increments_matches_differences_of_the_gradient() {
        Check.hessian(IncrementTest::matrixVector, X);
    }

    @Test
    void the_old_value_used_again_after_the_increment() {
        // s = Σ xᵢ (xᵢ + 2 xᵢ₊₁)
        double[] g = AD.gradient(IncrementTest::oldValueUsedAgain, X);
        int n = X.length;
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            int next = (i + 1) % n;
            expected[i] += 2 * X[i] + 2 * X[next];
            expected[next] += 2 * X[i];
        }
        assertArrayEquals(expected, g, 1e-12);
    }

    @Test
    void the_sum_used_again() {
        agrees(IncrementTest::sumUsedAgain);
    }

    @Test
    void an_alias_reads_the_element_it_increments() {
        agrees(IncrementTest::aliased);
    }

    @Test
    void a_call_between_the_read_and_the_store() {
        agrees(IncrementTest::callBetween);
    }
}
