package dev.adjoint.bench.shapes;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** EJML's inverse of a 4×4 matrix (its unrolled code path), summed to a scalar. */
public final class Invert4 {

    private Invert4() {
    }

    /**
     * @param entries the matrix, row by row
     * @return the sum of the inverse's entries
     */
    public static double inverseSum(double[] entries) {
        DMatrixRMaj a = new DMatrixRMaj(4, 4, true, entries);
        DMatrixRMaj inverse = new DMatrixRMaj(4, 4);
        if (!CommonOps_DDRM.invert(a, inverse)) {
            throw new IllegalArgumentException("singular matrix");
        }
        return CommonOps_DDRM.elementSum(inverse);
    }

    /** @return a well-conditioned matrix: diagonally dominant, every entry distinct */
    public static double[] matrix() {
        double[] m = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                m[i * 4 + j] = i == j ? 5 + i : 0.1 * (i + 1) - 0.07 * j;
            }
        }
        return m;
    }
}
