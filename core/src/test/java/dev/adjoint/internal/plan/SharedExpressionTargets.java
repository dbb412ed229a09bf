package dev.adjoint.internal.plan;

/**
 * Straight-line code whose large expressions, stored in locals, are read by the expressions of many roots: each is
 * kept a local (its own root) instead of being copied into every root's DAG. The comments name the locals that stay.
 */
final class SharedExpressionTargets {

    private SharedExpressionTargets() {
    }

    /**
     * The inverse of a 4×4 matrix by its 2×2 sub-determinants (as graphics code writes it, unlike EJML's minors),
     * summed with weights so that every entry counts.
     */
    static double cofactorInverse(double[] m) {
        double s0 = m[0] * m[5] - m[4] * m[1];
        double s1 = m[0] * m[6] - m[4] * m[2];
        double s2 = m[0] * m[7] - m[4] * m[3];
        double s3 = m[1] * m[6] - m[5] * m[2];
        double s4 = m[1] * m[7] - m[5] * m[3];
        double s5 = m[2] * m[7] - m[6] * m[3];
        double c5 = m[10] * m[15] - m[14] * m[11];
        double c4 = m[9] * m[15] - m[13] * m[11];
        double c3 = m[9] * m[14] - m[13] * m[10];
        double c2 = m[8] * m[15] - m[12] * m[11];
        double c1 = m[8] * m[14] - m[12] * m[10];
        double c0 = m[8] * m[13] - m[12] * m[9];
        double det = s0 * c5 - s1 * c4 + s2 * c3 + s3 * c2 - s4 * c1 + s5 * c0;   // expect: kept a local
        double[] inv = new double[16];
        inv[0] = (m[5] * c5 - m[6] * c4 + m[7] * c3) / det;
        inv[1] = (-m[1] * c5 + m[2] * c4 - m[3] * c3) / det;
        inv[2] = (m[13] * s5 - m[14] * s4 + m[15] * s3) / det;
        inv[3] = (-m[9] * s5 + m[10] * s4 - m[11] * s3) / det;
        inv[4] = (-m[4] * c5 + m[6] * c2 - m[7] * c1) / det;
        inv[5] = (m[0] * c5 - m[2] * c2 + m[3] * c1) / det;
        inv[6] = (-m[12] * s5 + m[14] * s2 - m[15] * s1) / det;
        inv[7] = (m[8] * s5 - m[10] * s2 + m[11] * s1) / det;
        inv[8] = (m[4] * c4 - m[5] * c2 + m[7] * c0) / det;
        inv[9] = (-m[0] * c4 + m[1] * c2 - m[3] * c0) / det;
        inv[10] = (m[12] * s4 - m[13] * s2 + m[15] * s0) / det;
        inv[11] = (-m[8] * s4 + m[9] * s2 - m[11] * s0) / det;
        inv[12] = (-m[4] * c3 + m[5] * c1 - m[6] * c0) / det;
        inv[13] = (m[0] * c3 - m[1] * c1 + m[2] * c0) / det;
        inv[14] = (-m[12] * s3 + m[13] * s1 - m[14] * s0) / det;
        inv[15] = (m[8] * s3 - m[9] * s1 + m[10] * s0) / det;
        double sum = 0;
        for (int i = 0; i < 16; i++) {
            sum += (1 + 0.1 * i) * inv[i];
        }
        return sum;
    }

    /** A vector scaled to unit length, written out for eight coordinates, then a weighted sum of its squares' logs. */
    static double unitVector(double[] x) {
        double squares = x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3]
                + x[4] * x[4] + x[5] * x[5] + x[6] * x[6] + x[7] * x[7];
        double length = Math.sqrt(squares);                                         // expect: kept a local
        double small = x[0] - x[1];                                                 // expect: no local
        double[] u = new double[8];
        u[0] = x[0] / length + small;
        u[1] = x[1] / length - small;
        u[2] = x[2] / length * small;
        u[3] = x[3] / length;
        u[4] = x[4] / length;
        u[5] = x[5] / length;
        u[6] = x[6] / length;
        u[7] = x[7] / length;
        double s = 0;
        for (int i = 0; i < 8; i++) {
            s += (i + 1) * Math.log(1 + u[i] * u[i]);
        }
        return s;
    }
}
