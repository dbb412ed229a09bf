package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Libraries;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * EJML 0.46.1 as published, differentiated in one JVM with the agent (src/test/programs/ejml/Matrices.java):
 * determinants, inverses, solutions of linear systems, products and norms of dense row-major matrices, with respect
 * to their entries, up to 8 x 8, through EJML's unrolled code for small matrices and its LU and SVD decompositions
 * beyond. The oracles are the analytic matrix derivatives, computed here with EJML run plainly.
 */
class EjmlTest {

    static final int LARGEST = 8;

    /** Square cases: name and the gradient of the function at the test matrix of size n. */
    static final Map<String, IntFunction<double[]>> SQUARE = new LinkedHashMap<>();

    static {
        SQUARE.put("det", n -> {
            // d det(A) / dA = det(A) A^-T
            DMatrixRMaj a = matrix(n, n);
            DMatrixRMaj inverse = inverse(a);
            double det = CommonOps_DDRM.det(a);
            CommonOps_DDRM.transpose(inverse);
            CommonOps_DDRM.scale(det, inverse);
            return inverse.data;
        });
        SQUARE.put("inverseSum", n -> {
            // f = 1' A^-1 1: df/dA = -(A^-T 1)(A^-1 1)'
            DMatrixRMaj inverse = inverse(matrix(n, n));
            double[] g = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i * n + j] = -columnSum(inverse, i) * rowSum(inverse, j);
                }
            }
            return g;
        });
        SQUARE.put("normF", n -> scaled(matrix(n, n), 1 / NormOps_DDRM.normF(matrix(n, n))));
        SQUARE.put("fastNormF", n -> scaled(matrix(n, n), 1 / NormOps_DDRM.normF(matrix(n, n))));
        SQUARE.put("elementP3", n -> {
            // d (sum |a|^3)^(1/3) / da = a |a| / p^2
            DMatrixRMaj a = matrix(n, n);
            double p = NormOps_DDRM.elementP(a, 3);
            double[] g = new double[n * n];
            for (int i = 0; i < g.length; i++) {
                g[i] = a.data[i] * Math.abs(a.data[i]) / (p * p);
            }
            return g;
        });
        SQUARE.put("normP1", n -> {
            // the largest column sum of |a|: the signs of that column
            DMatrixRMaj a = matrix(n, n);
            int best = 0;
            for (int j = 1; j < n; j++) {
                if (absColumnSum(a, j) > absColumnSum(a, best)) {
                    best = j;
                }
            }
            double[] g = new double[n * n];
            for (int i = 0; i < n; i++) {
                g[i * n + best] = Math.signum(a.get(i, best));
            }
            return g;
        });
        SQUARE.put("normPInf", n -> {
            // the largest row sum of |a|: the signs of that row
            DMatrixRMaj a = matrix(n, n);
            DMatrixRMaj t = CommonOps_DDRM.transpose(a, null);
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (absColumnSum(t, i) > absColumnSum(t, best)) {
                    best = i;
                }
            }
            double[] g = new double[n * n];
            for (int j = 0; j < n; j++) {
                g[best * n + j] = Math.signum(a.get(best, j));
            }
            return g;
        });
        SQUARE.put("normP2", n -> {
            // d sigma_max / dA = u v'
            Svd s = new Svd(matrix(n, n));
            return s.outer(s.largest());
        });
        SQUARE.put("conditionP2", n -> {
            // kappa = sigma_max / sigma_min
            Svd s = new Svd(matrix(n, n));
            double max = s.values[s.largest()];
            double min = s.values[s.smallest()];
            double[] g = s.outer(s.largest());
            double[] h = s.outer(s.smallest());
            for (int i = 0; i < g.length; i++) {
                g[i] = g[i] / min - max * h[i] / (min * min);
            }
            return g;
        });
    }

    private static Outcome run;

    @BeforeAll
    static void launch() {
        List<String> names = new ArrayList<>();
        squareCases().forEach(names::add);
        forwardCases().forEach(c -> names.add(c + ".jvp"));
        for (int n : SOLVE_SIZES) {
            names.add("solve@" + n);
        }
        for (int[] s : MULT_SHAPES) {
            names.add("mult@" + s[0] + "x" + s[1] + "x" + s[2]);
        }
        // one JVM differentiates some eighty EJML cases, the unrolled inverses among them: on a busy machine that
        // takes more than the default minute
        run = Launch.of("Matrices").classPath(TestPrograms.jar("ejml", Libraries.ejml()))
                .classPath(Libraries.ejml()).args(names.toArray(new String[0])).timeout(Duration.ofMinutes(5)).run()
                .assertSucceeded();
    }

    static Stream<String> squareCases() {
        List<String> cases = new ArrayList<>();
        for (String name : SQUARE.keySet()) {
            for (int n = 1; n <= LARGEST; n++) {
                cases.add(name + "@" + n);
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("squareCases")
    void functions_of_a_square_matrix_have_their_analytic_gradient(String c) {
        String name = c.substring(0, c.indexOf('@'));
        int n = Integer.parseInt(c.substring(c.indexOf('@') + 1));
        assertClose(SQUARE.get(name).apply(n), run.numbers(c));
    }

    /**
     * Forward mode on a few: the derivative in the direction of the matrix itself is the gradient dotted with it.
     * EJML's unrolled {@code inv4}, {@code inv5} and {@code det6} have tangent code several times the JIT's limit, cut
     * into pieces.
     */
    static Stream<String> forwardCases() {
        return Stream.of("det@3", "det@6", "det@7", "inverseSum@4", "inverseSum@5", "inverseSum@6", "normP2@4",
                "normF@5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardCases")
    void forward_mode_gives_the_directional_derivative(String c) {
        String name = c.substring(0, c.indexOf('@'));
        int n = Integer.parseInt(c.substring(c.indexOf('@') + 1));
        double[] g = SQUARE.get(name).apply(n);
        double[] v = matrix(n, n).data;
        double expected = 0;
        double scale = 1;
        for (int i = 0; i < g.length; i++) {
            expected += g[i] * v[i];
            scale += Math.abs(g[i] * v[i]);
        }
        assertEquals(expected, run.number(c + ".jvp"), 1e-12 * scale,
                run::describe);
    }

    static final int[] SOLVE_SIZES = {3, 4, 9};

    static Stream<Integer> solveSizes() {
        return Arrays.stream(SOLVE_SIZES).boxed();
    }

    @ParameterizedTest(name = "solve@{0}")
    @MethodSource("solveSizes")
    void the_squared_norm_of_a_solution_of_a_linear_system_in_the_matrix_and_the_right_hand_side(int n) {
        // x = A^-1 b, f = |x|^2: df/db = 2 A^-T x, df/dA = -2 (A^-T x) x'
        DMatrixRMaj a = matrix(n, n);
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.solve(a, matrix(n, 1), x);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.solve(CommonOps_DDRM.transpose(a, null), x, y);
        double[] expected = new double[n * n + n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected[i * n + j] = -2 * y.get(i) * x.get(j);
            }
            expected[n * n + i] = 2 * y.get(i);
        }
        assertClose(expected, run.numbers("solve@" + n));
    }

    static final int[][] MULT_SHAPES = {{3, 4, 2}, {20, 20, 20}, {7, 40, 5}};

    static Stream<int[]> multShapes() {
        return Stream.of(MULT_SHAPES);
    }

    @ParameterizedTest(name = "mult {0}")
    @MethodSource("multShapes")
    void the_sum_of_a_product_in_both_factors(int[] shape) {
        // f = 1' A B 1: df/dA_ik = sum_j B_kj, df/dB_kj = sum_i A_ik
        int m = shape[0];
        int k = shape[1];
        int n = shape[2];
        DMatrixRMaj a = matrix(m, k);
        DMatrixRMaj b = matrix(k, n);
        double[] expected = new double[m * k + k * n];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < k; l++) {
                expected[i * k + l] = rowSum(b, l);
            }
        }
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < n; j++) {
                expected[m * k + l * n + j] = columnSum(a, l);
            }
        }
        assertClose(expected, run.numbers("mult@" + m + "x" + k + "x" + n));
    }

    private static void assertClose(double[] expected, double[] actual) {
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertArrayEquals(expected, actual, 1e-12 * scale, run::describe);
    }

    /** As in the program: diagonally dominant, so well conditioned. */
    static DMatrixRMaj matrix(int rows, int cols) {
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a.set(i, j, (i == j ? rows : 0) + Math.sin(1 + i * cols + j));
            }
        }
        return a;
    }

    static DMatrixRMaj inverse(DMatrixRMaj a) {
        DMatrixRMaj inverse = new DMatrixRMaj(a.numRows, a.numCols);
        assertTrue(CommonOps_DDRM.invert(a, inverse));
        return inverse;
    }

    static double[] scaled(DMatrixRMaj a, double s) {
        CommonOps_DDRM.scale(s, a);
        return a.data;
    }

    static double rowSum(DMatrixRMaj a, int i) {
        double s = 0;
        for (int j = 0; j < a.numCols; j++) {
            s += a.get(i, j);
        }
        return s;
    }

    static double columnSum(DMatrixRMaj a, int j) {
        double s = 0;
        for (int i = 0; i < a.numRows; i++) {
            s += a.get(i, j);
        }
        return s;
    }

    static double absColumnSum(DMatrixRMaj a, int j) {
        double s = 0;
        for (int i = 0; i < a.numRows; i++) {
            s += Math.abs(a.get(i, j));
        }
        return s;
    }

    /** A singular value decomposition, for the derivatives of singular values: d sigma_k / dA = u_k v_k'. */
    static final class Svd {
        final DMatrixRMaj u;
        final DMatrixRMaj v;
        final double[] values;

        Svd(DMatrixRMaj a) {
            SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(a.numRows, a.numCols,
                    true, true, false);
            assertTrue(svd.decompose(a.copy()));
            u = svd.getU(null, false);
            v = svd.getV(null, false);
            values = svd.getSingularValues().clone();
        }

        int largest() {
            int k = 0;
            for (int i = 1; i < values.length; i++) {
                k = values[i] > values[k] ? i : k;
            }
            return k;
        }

        int smallest() {
            int k = 0;
            for (int i = 1; i < values.length; i++) {
                k = values[i] < values[k] ? i : k;
            }
            return k;
        }

        double[] outer(int k) {
            int n = u.numRows;
            int m = v.numRows;
            double[] g = new double[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    g[i * m + j] = u.get(i, k) * v.get(j, k);
                }
            }
            return g;
        }
    }
}
