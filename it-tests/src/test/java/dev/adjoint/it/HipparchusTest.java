package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.hipparchus.analysis.interpolation.SplineInterpolator;
import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.RotationConvention;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.special.Erf;
import org.hipparchus.stat.StatUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.it.harness.ColdStart;
import dev.adjoint.it.harness.FiniteDifferences;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Libraries;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * Hipparchus 4.0.2 as published, differentiated (src/test/programs/hipparchus/HipparchusCases.java): ODE integrators
 * (classical Runge-Kutta, Dormand-Prince 8(5,3) and 5(4)) calling back into user code, streaming and descriptive
 * statistics, Gamma, Beta and Erf, Vector3D and Rotation, LU, QR and Cholesky solves, inverses and determinants,
 * splines, quadrature, and the Levenberg-Marquardt optimizer fed with Jacobians from {@code AD.jacobian}. Every case
 * runs in one JVM, and again as the first gradient of a fresh JVM ({@link ColdStart}). Oracles: analytic
 * derivatives (exact solutions of the ODEs, of the discrete Runge-Kutta map, of the statistics, special functions
 * from an independent digamma), the parameters that made the fitted data, and central differences of Hipparchus
 * itself.
 */
class HipparchusTest {

    static final double[] SAMPLE = {1.5, -0.7, 2.2, 3.1, 0.4};
    static final double[] POSITIVE = {1.5, 0.7, 2.2, 3.1, 0.4};
    static final double[] MATRIX = {4, 1, 2, 3};

    /** Per case: the expected gradient, and the tolerance relative to its largest component (at least 1). */
    static final Map<String, double[]> EXPECTED = new LinkedHashMap<>();
    static final Map<String, Double> TOLERANCE = new LinkedHashMap<>();

    /** Cases that run cold in every build: one per area, the lazily initialised parts first. */
    static final List<String> REPRESENTATIVE = List.of("ode.dp853.decay", "stat.streaming.variance",
            "geometry.crossProduct", "integration.romberg", "integration.legendreGauss");

    private static void expect(String name, double tolerance, double... gradient) {
        EXPECTED.put(name, gradient);
        TOLERANCE.put(name, tolerance);
    }

    static {
        expect("ode.rk4.decay", 1e-14, CommonsMathTest.rungeKuttaDecay(2.0, 0.5, 0.125, 8));
        expect("ode.dp853.decay", 1e-8, Math.exp(-0.5), -2.0 * Math.exp(-0.5));
        expect("ode.dp54.decay", 1e-7, Math.exp(-0.5), -2.0 * Math.exp(-0.5));
        // x(t) = x0 cos(wt) + v0 sin(wt) / w at t = 1.5
        double x0 = 1.0;
        double v0 = 0.3;
        double w = 2.0;
        double t = 1.5;
        expect("ode.dp853.oscillator", 1e-7, Math.cos(w * t), Math.sin(w * t) / w,
                -x0 * t * Math.sin(w * t) + v0 * (t * Math.cos(w * t) / w - Math.sin(w * t) / (w * w)));

        int n = SAMPLE.length;
        double mean = StatUtils.mean(SAMPLE);
        double sd = Math.sqrt(StatUtils.variance(SAMPLE));
        expect("stat.streaming.variance", 1e-14, CommonsMathTest.each(SAMPLE, x -> 2 * (x - mean) / (n - 1)));
        expect("stat.streaming.mean", 1e-15, CommonsMathTest.each(SAMPLE, x -> 1.0 / n));
        expect("stat.descriptive.standardDeviation", 1e-14,
                CommonsMathTest.each(SAMPLE, x -> (x - mean) / ((n - 1) * sd)));
        expect("stat.descriptive.median", 0, 1, 0, 0, 0, 0);
        expect("stat.variance.evaluate", 1e-14, CommonsMathTest.each(SAMPLE, x -> 2 * (x - mean) / (n - 1)));
        double geometric = StatUtils.geometricMean(POSITIVE);
        expect("stat.statUtils.geometricMean", 1e-14, CommonsMathTest.each(POSITIVE, x -> geometric / (n * x)));

        expect("special.gamma", 1e-12, org.hipparchus.special.Gamma.gamma(2.5) * CommonsMathTest.digamma(2.5));
        expect("special.logGamma", 1e-12, CommonsMathTest.digamma(7.5));
        expect("special.regularizedGammaP", 1e-9, CommonsMathTest.gammaP(2.5, 1.5));
        expect("special.erf", 1e-13, CommonsMathTest.gaussianKernel(0.3));
        expect("special.erfc", 1e-13, -CommonsMathTest.gaussianKernel(1.9));
        expect("special.erfInv", 1e-12, 1 / CommonsMathTest.gaussianKernel(Erf.erfInv(0.4)));
        double both = CommonsMathTest.digamma(4.0);
        expect("special.logBeta", 1e-11, CommonsMathTest.digamma(2.5) - both, CommonsMathTest.digamma(1.5) - both);
        expect("special.regularizedBeta", 1e-8, CommonsMathTest.beta(0.3, 2.5, 1.5));

        expect("geometry.rotation", 1e-7, central(v -> new Rotation(new Vector3D(0.0, 0.6, 0.8), v[0],
                RotationConvention.VECTOR_OPERATOR).applyTo(new Vector3D(v[1], v[2], v[3])).getX(), 0.4, 1, 2, 3));
        double[] d = {1 - 1, 2 + 1, 3 - 0.5};
        double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        expect("geometry.distance", 1e-15, d[0] / r, d[1] / r, d[2] / r);
        expect("geometry.dotProduct", 0, -1, 0.5, 2);
        expect("geometry.crossProduct", 1e-15, crossNormGradient(new double[] {1, 2, 3}, new double[] {-1, 0.5, 2}));

        expect("linear.lu.solve", 1e-7, central(m -> new LUDecomposition(matrix(m)).getSolver()
                .solve(new ArrayRealVector(new double[] {1, 2})).getEntry(0), MATRIX));
        expect("linear.lu.determinant", 1e-14, MATRIX[3], -MATRIX[2], -MATRIX[1], MATRIX[0]);
        expect("linear.qr.solve", 1e-7, central(m -> new QRDecomposition(matrix(m)).getSolver()
                .solve(new ArrayRealVector(new double[] {1, 2})).getEntry(1), MATRIX));
        expect("linear.cholesky.inverse", 1e-7, central(s -> new CholeskyDecomposition(new Array2DRowRealMatrix(
                new double[][] {{s[0], s[1]}, {s[1], s[2]}})).getSolver().getInverse().getEntry(0, 1), 4, 1, 3));
        // d(A^-1)_00 / dA_ij = -(A^-1)_0i (A^-1)_j0
        RealMatrix inverse = MatrixUtils.inverse(matrix(MATRIX));
        expect("linear.inverse", 1e-14, -inverse.getEntry(0, 0) * inverse.getEntry(0, 0),
                -inverse.getEntry(0, 0) * inverse.getEntry(1, 0), -inverse.getEntry(0, 1) * inverse.getEntry(0, 0),
                -inverse.getEntry(0, 1) * inverse.getEntry(1, 0));

        // the spline is linear in the data: its derivative in y_j is the spline through the j-th unit vector
        double[] weights = new double[5];
        for (int j = 0; j < weights.length; j++) {
            double[] unit = new double[5];
            unit[j] = 1;
            weights[j] = new SplineInterpolator().interpolate(new double[] {0, 0.5, 1.25, 2, 3}, unit).value(1.5);
        }
        expect("interpolation.spline.data", 1e-14, weights);
        // the parameters the data were made with
        expect("optim.levenbergMarquardt", 1e-10, 2.5, -1.3);

        // d/dx of the integral of sin(x t) over [0, 1] is the integral of t cos(x t): up to the quadrature's error
        expect("integration.simpson", 1e-6, integralOfTCos(1.3));
        expect("integration.romberg", 1e-6, integralOfTCos(1.3));
        // its rule is computed on first use in Dfp, from constants whose bits Dfp's constructor passes on
        expect("integration.legendreGauss", 1e-9, integralOfTCos(1.3));
    }

    static RealMatrix matrix(double[] m) {
        return new Array2DRowRealMatrix(new double[][] {{m[0], m[1]}, {m[2], m[3]}});
    }

    static double[] central(ToDoubleFunction<double[]> f, double... x) {
        return FiniteDifferences.gradient(f, x);
    }

    /** The gradient in a of |a x b|: (b x (a x b)) / |a x b|. */
    static double[] crossNormGradient(double[] a, double[] b) {
        double[] c = cross(a, b);
        double norm = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        double[] g = cross(b, c);
        return new double[] {g[0] / norm, g[1] / norm, g[2] / norm};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double integralOfTCos(double x) {
        return Math.cos(x) / (x * x) + Math.sin(x) / x - 1 / (x * x);
    }

    private static Outcome run;

    static Launch program() {
        return Launch.of("HipparchusCases").classPath(TestPrograms.jar("hipparchus", Libraries.hipparchus()))
                .classPath(Libraries.hipparchus());
    }

    @BeforeAll
    static void launch() {
        run = program().args(EXPECTED.keySet().toArray(new String[0])).run().assertSucceeded();
    }

    static List<String> cases() {
        return new ArrayList<>(EXPECTED.keySet());
    }

    static List<String> coldCases() {
        return ColdStart.cases(cases(), REPRESENTATIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradients_through_hipparchus_agree_with_their_oracle(String c) {
        assertGradient(c, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coldCases")
    void each_case_gives_the_same_gradient_as_the_first_gradient_of_a_fresh_jvm(String c) {
        Outcome cold = ColdStart.run(program(), c);
        assertGradient(c, cold);
        assertArrayEquals(run.numbers(c), cold.numbers(c), 0, cold::describe);
    }

    static void assertGradient(String c, Outcome o) {
        double[] expected = EXPECTED.get(c);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertArrayEquals(expected, o.numbers(c), TOLERANCE.get(c) * scale, o::describe);
    }
}
