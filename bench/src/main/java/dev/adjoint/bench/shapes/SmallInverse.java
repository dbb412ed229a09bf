package dev.adjoint.bench.shapes;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** EJML's inverse of a small square matrix (its unrolled code path, up to 5×5), summed to a scalar. */
public final class SmallInverse {

    private SmallInverse() {
    }

    /**
     * @param entries the matrix, row by row (n² of them)
     * @return the sum of the inverse's entries
     */
    public static double inverseSum(double[] entries) {
        int n = (int) Math.round(Math.sqrt(entries.length));
        DMatrixRMaj a = new DMatrixRMaj(n, n, true, entries);
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invert(a, inverse)) {
            throw new IllegalArgumentException("singular matrix");
        }
        return CommonOps_DDRM.elementSum(inverse);
    }

    /** @return a well-conditioned n×n matrix: diagonally dominant, every entry distinct */
    public static double[] matrix(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = i == j ? 5 + i : 0.1 * (i + 1) - 0.07 * j;
            }
        }
        return m;
    }
}
