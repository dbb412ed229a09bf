package dev.adjoint.bench;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.SparseGradient;

/**
 * {@link Rosenbrock} again, over Commons Math's two forward-mode types: {@link DerivativeStructure} (dense, n + 1
 * numbers per value) and {@link SparseGradient} (a map of the nonzero partials per value, made for many variables).
 */
final class CommonsMathRosenbrock {

    /**
     * The largest n for which DerivativeStructure is attempted: its {@code DSCompiler} for n parameters builds
     * tables for every p ≤ n with p ints each, O(n³) in all (1.3 GB at n = 1000, out of an 8 GB heap at 2000).
     */
    static final int DERIVATIVE_STRUCTURE_LIMIT = 1000;

    private CommonsMathRosenbrock() {
    }

    static double[] gradientByDerivativeStructure(double[] x) {
        if (x.length > DERIVATIVE_STRUCTURE_LIMIT) {
            throw new IllegalArgumentException("DerivativeStructure with " + x.length + " parameters needs O(n^3) "
                    + "memory for its DSCompiler tables (1.3 GB at n = 1000); run with -p n=300 or use sparseGradient");
        }
        DerivativeStructure[] v = DerivativeStructures.variables(x);
        DerivativeStructure sum = DerivativeStructures.constant(v[0], 0);
        for (int i = 0; i < x.length - 1; i++) {
            DerivativeStructure a = v[i + 1].subtract(v[i].multiply(v[i]));
            DerivativeStructure b = v[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100)).add(b.multiply(b));
        }
        return DerivativeStructures.gradient(sum);
    }

    static double[] gradientBySparseGradient(double[] x) {
        SparseGradient[] v = new SparseGradient[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = SparseGradient.createVariable(i, x[i]);
        }
        SparseGradient sum = SparseGradient.createConstant(0);
        for (int i = 0; i < x.length - 1; i++) {
            SparseGradient a = v[i + 1].subtract(v[i].multiply(v[i]));
            SparseGradient b = v[i].negate().add(1);
            // in place: add() would copy the sum's map of up to n partials at every term
            sum.addInPlace(a.multiply(a).multiply(100).add(b.multiply(b)));
        }
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = sum.getDerivative(i);
        }
        return g;
    }
}
