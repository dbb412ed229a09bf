import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.analysis.interpolation.SplineInterpolator;
import org.hipparchus.analysis.integration.RombergIntegrator;
import org.hipparchus.analysis.integration.SimpsonIntegrator;
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
import org.hipparchus.linear.RealVector;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;
import org.hipparchus.stat.StatUtils;
import org.hipparchus.stat.descriptive.DescriptiveStatistics;
import org.hipparchus.stat.descriptive.StreamingStatistics;
import org.hipparchus.stat.descriptive.moment.Variance;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.VectorFunction;

/**
 * Hipparchus 4.0.2, as published, differentiated: ODE integrators calling back into user code, statistics,
 * special functions, geometry, linear algebra, interpolation and quadrature, and Hipparchus's Levenberg-Marquardt
 * optimizer fed with Jacobians from {@code AD.jacobian}. For each case named on the command line it prints
 * NAME=GRADIENT (comma-separated) or NAME=threw CLASS: MESSAGE; the test holds the oracles. Run with one case, the
 * case is the first gradient of the JVM.
 */
public final class HipparchusCases {

    static final double[] SAMPLE = {1.5, -0.7, 2.2, 3.1, 0.4};
    static final double[] MATRIX = {4, 1, 2, 3};
    static final double[] SPD = {4, 1, 3};
    static final double[] KNOTS = {0, 0.5, 1.25, 2, 3};
    static final double[] VALUES = {1, 0.2, -0.4, 0.9, 2.5};
    /** Times of the data that y = 2.5 exp(-1.3 t) makes for the fit. */
    static final double[] TIMES = {0, 0.5, 1, 1.5, 2, 3};

    private static final Map<String, Supplier<double[]>> CASES = new LinkedHashMap<>();

    private HipparchusCases() {
    }

    static void gradient(String name, MultivariateFunction f, double... x) {
        CASES.put(name, () -> AD.gradient(f, x));
    }

    static {
        gradient("ode.rk4.decay", p -> solve(new ClassicalRungeKuttaIntegrator(0.125), new Decay(p[1]), 1.0, p[0]),
                2.0, 0.5);
        gradient("ode.dp853.decay", p -> solve(new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-12),
                new Decay(p[1]), 1.0, p[0]), 2.0, 0.5);
        gradient("ode.dp54.decay", p -> solve(new DormandPrince54Integrator(1e-8, 1.0, 1e-11, 1e-11),
                new Decay(p[1]), 1.0, p[0]), 2.0, 0.5);
        gradient("ode.dp853.oscillator", p -> solve(new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-12),
                new Oscillator(p[2]), 1.5, p[0], p[1]), 1.0, 0.3, 2.0);

        gradient("stat.streaming.variance", x -> streaming(x).getVariance(), SAMPLE);
        gradient("stat.streaming.mean", x -> streaming(x).getMean(), SAMPLE);
        gradient("stat.descriptive.standardDeviation", x -> new DescriptiveStatistics(x).getStandardDeviation(),
                SAMPLE);
        gradient("stat.descriptive.median", x -> new DescriptiveStatistics(x).getPercentile(50), SAMPLE);
        gradient("stat.variance.evaluate", x -> new Variance().evaluate(x), SAMPLE);
        gradient("stat.statUtils.geometricMean", StatUtils::geometricMean, 1.5, 0.7, 2.2, 3.1, 0.4);

        gradient("special.gamma", x -> Gamma.gamma(x[0]), 2.5);
        gradient("special.logGamma", x -> Gamma.logGamma(x[0]), 7.5);
        gradient("special.regularizedGammaP", x -> Gamma.regularizedGammaP(x[0], x[1]), 2.5, 1.5);
        gradient("special.erf", x -> Erf.erf(x[0]), 0.3);
        gradient("special.erfc", x -> Erf.erfc(x[0]), 1.9);
        gradient("special.erfInv", x -> Erf.erfInv(x[0]), 0.4);
        gradient("special.logBeta", x -> Beta.logBeta(x[0], x[1]), 2.5, 1.5);
        gradient("special.regularizedBeta", x -> Beta.regularizedBeta(x[0], x[1], x[2]), 0.3, 2.5, 1.5);

        gradient("geometry.rotation", x -> new Rotation(new Vector3D(0.0, 0.6, 0.8), x[0],
                RotationConvention.VECTOR_OPERATOR).applyTo(new Vector3D(x[1], x[2], x[3])).getX(), 0.4, 1, 2, 3);
        gradient("geometry.distance", x -> new Vector3D(x[0], x[1], x[2]).distance(new Vector3D(1, -1, 0.5)),
                1, 2, 3);
        gradient("geometry.dotProduct", x -> new Vector3D(x[0], x[1], x[2]).dotProduct(new Vector3D(-1, 0.5, 2)),
                1, 2, 3);
        gradient("geometry.crossProduct", x -> new Vector3D(x[0], x[1], x[2])
                .crossProduct(new Vector3D(-1, 0.5, 2)).getNorm(), 1, 2, 3);

        gradient("linear.lu.solve", m -> new LUDecomposition(matrix(m)).getSolver().solve(rhs()).getEntry(0), MATRIX);
        gradient("linear.lu.determinant", m -> new LUDecomposition(matrix(m)).getDeterminant(), MATRIX);
        gradient("linear.qr.solve", m -> new QRDecomposition(matrix(m)).getSolver().solve(rhs()).getEntry(1),
                MATRIX);
        gradient("linear.cholesky.inverse", s -> new CholeskyDecomposition(new Array2DRowRealMatrix(
                new double[][] {{s[0], s[1]}, {s[1], s[2]}})).getSolver().getInverse().getEntry(0, 1), SPD);
        gradient("linear.inverse", m -> MatrixUtils.inverse(matrix(m)).getEntry(0, 0), MATRIX);

        gradient("interpolation.spline.data", y -> new SplineInterpolator().interpolate(KNOTS, y).value(1.5),
                VALUES);
        CASES.put("optim.levenbergMarquardt", HipparchusCases::fitExponential);

        gradient("integration.simpson", x -> new SimpsonIntegrator().integrate(1000, t -> Math.sin(x[0] * t), 0, 1),
                1.3);
        gradient("integration.romberg", x -> new RombergIntegrator().integrate(1000, t -> Math.sin(x[0] * t), 0, 1),
                1.3);
        gradient("integration.legendreGauss", x -> new IterativeLegendreGaussIntegrator(5, 1e-10, 1e-12)
                .integrate(1000, t -> Math.sin(x[0] * t), 0, 1), 1.3);
    }

    static double[] model(double[] p) {
        double[] y = new double[TIMES.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = p[0] * Math.exp(p[1] * TIMES[i]);
        }
        return y;
    }

    /** Levenberg-Marquardt fit of a exp(b t) to data made with a = 2.5, b = -1.3, the Jacobian from AD: a, b. */
    static double[] fitExponential() {
        VectorFunction f = HipparchusCases::model;
        return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(HipparchusCases::model, p -> AD.jacobian(f, p))
                .target(model(new double[] {2.5, -1.3}))
                .start(new double[] {1, -0.5})
                .maxEvaluations(1000).maxIterations(1000)
                .build()).getPoint().toArray();
    }

    static RealMatrix matrix(double[] m) {
        return new Array2DRowRealMatrix(new double[][] {{m[0], m[1]}, {m[2], m[3]}});
    }

    static RealVector rhs() {
        return new ArrayRealVector(new double[] {1, 2});
    }

    static StreamingStatistics streaming(double[] x) {
        StreamingStatistics s = new StreamingStatistics();
        for (double v : x) {
            s.addValue(v);
        }
        return s;
    }

    /** The first component of the state at {@code t}, from {@code y0} at 0. */
    static double solve(ODEIntegrator integrator, OrdinaryDifferentialEquation ode, double t, double... y0) {
        return integrator.integrate(ode, new ODEState(0, y0), t).getPrimaryState()[0];
    }

    /** y' = -k y */
    static final class Decay implements OrdinaryDifferentialEquation {
        final double k;

        Decay(double k) {
            this.k = k;
        }

        @Override
        public int getDimension() {
            return 1;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            return new double[] {-k * y[0]};
        }
    }

    /** x'' = -w^2 x as a first-order system. */
    static final class Oscillator implements OrdinaryDifferentialEquation {
        final double w;

        Oscillator(double w) {
            this.w = w;
        }

        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            return new double[] {y[1], -w * w * y[0]};
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
            } catch (RuntimeException | LinkageError e) {
                System.out.println(name + "=threw " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
