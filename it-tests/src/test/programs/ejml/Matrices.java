import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;

/**
 * EJML 0.46.1, as published, differentiated: scalar functions of dense row-major matrices built from the entries
 * the gradient is taken with respect to. For each case named on the command line it prints NAME=GRADIENT
 * (comma-separated, row-major) or NAME=threw CLASS: MESSAGE. The test holds the oracles.
 */
public final class Matrices {

    private static final Map<String, Supplier<double[]>> CASES = new LinkedHashMap<>();

    private Matrices() {
    }

    /** The test matrix of size n: diagonally dominant, so well conditioned; the test builds the same one. */
    static double[] matrix(int rows, int cols) {
        double[] a = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i * cols + j] = (i == j ? rows : 0) + Math.sin(1 + i * cols + j);
            }
        }
        return a;
    }

    static void square(String name, int n, MultivariateFunction f) {
        CASES.put(name + "@" + n, () -> AD.gradient(f, matrix(n, n)));
        // forward mode: the derivative in the direction of the matrix itself
        CASES.put(name + "@" + n + ".jvp", () -> new double[] {AD.jvp(f, matrix(n, n), matrix(n, n))});
    }

    static {
        for (int n = 1; n <= 8; n++) {
            int size = n;
            square("det", n, v -> CommonOps_DDRM.det(new DMatrixRMaj(size, size, true, v)));
            square("inverseSum", n, v -> {
                DMatrixRMaj a = new DMatrixRMaj(size, size, true, v);
                DMatrixRMaj inverse = new DMatrixRMaj(size, size);
                CommonOps_DDRM.invert(a, inverse);
                return CommonOps_DDRM.elementSum(inverse);
            });
            square("normF", n, v -> NormOps_DDRM.normF(new DMatrixRMaj(size, size, true, v)));
            square("fastNormF", n, v -> NormOps_DDRM.fastNormF(new DMatrixRMaj(size, size, true, v)));
            square("elementP3", n, v -> NormOps_DDRM.elementP(new DMatrixRMaj(size, size, true, v), 3));
            square("normP1", n, v -> NormOps_DDRM.normP1(new DMatrixRMaj(size, size, true, v)));
            square("normPInf", n, v -> NormOps_DDRM.normPInf(new DMatrixRMaj(size, size, true, v)));
            square("normP2", n, v -> NormOps_DDRM.normP2(new DMatrixRMaj(size, size, true, v)));
            square("conditionP2", n, v -> NormOps_DDRM.conditionP2(new DMatrixRMaj(size, size, true, v)));
        }
        for (int n : new int[] {3, 4, 9}) {
            // A and b in one vector: x = A^-1 b, f = |x|^2
            double[] ab = new double[n * n + n];
            System.arraycopy(matrix(n, n), 0, ab, 0, n * n);
            System.arraycopy(matrix(n, 1), 0, ab, n * n, n);
            CASES.put("solve@" + n, () -> AD.gradient(v -> {
                DMatrixRMaj a = new DMatrixRMaj(n, n, true, java.util.Arrays.copyOfRange(v, 0, n * n));
                DMatrixRMaj b = new DMatrixRMaj(n, 1, true, java.util.Arrays.copyOfRange(v, n * n, n * n + n));
                DMatrixRMaj x = new DMatrixRMaj(n, 1);
                CommonOps_DDRM.solve(a, b, x);
                return NormOps_DDRM.normF(x) * NormOps_DDRM.normF(x);
            }, ab));
        }
        for (int[] s : new int[][] {{3, 4, 2}, {20, 20, 20}, {7, 40, 5}}) {
            // A (m x k) and B (k x n) in one vector: f = sum of the entries of A B
            int m = s[0];
            int k = s[1];
            int n = s[2];
            double[] ab = new double[m * k + k * n];
            System.arraycopy(matrix(m, k), 0, ab, 0, m * k);
            System.arraycopy(matrix(k, n), 0, ab, m * k, k * n);
            CASES.put("mult@" + m + "x" + k + "x" + n, () -> AD.gradient(v -> {
                DMatrixRMaj a = new DMatrixRMaj(m, k, true, java.util.Arrays.copyOfRange(v, 0, m * k));
                DMatrixRMaj b = new DMatrixRMaj(k, n, true, java.util.Arrays.copyOfRange(v, m * k, v.length));
                DMatrixRMaj c = new DMatrixRMaj(m, n);
                CommonOps_DDRM.mult(a, b, c);
                return CommonOps_DDRM.elementSum(c);
            }, ab));
        }
    }

    public static void main(String[] args) {
        for (String name : args) {
            Supplier<double[]> c = CASES.get(name);
            if (c == null) {
                System.out.println(name + "=no such case");
                continue;
            }
            try {
                double[] g = c.get();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < g.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(g[i]);
                }
                System.out.println(name + "=" + sb);
            } catch (RuntimeException e) {
                System.out.println(name + "=threw " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
