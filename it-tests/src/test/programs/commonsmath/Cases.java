import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.math3.analysis.function.Gaussian;
import org.apache.commons.math3.analysis.interpolation.AkimaSplineInterpolator;
import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialFunction;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.util.FastMath;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;

/**
 * Commons Math 3.6.1, as published, differentiated: polynomials, splines (with respect to x and to the data),
 * special functions, StatUtils, FastMath and the ODE integrators calling back into user code. For each case named
 * on the command line it prints NAME=GRADIENT (comma-separated) or NAME=threw CLASS: MESSAGE. The test holds the
 * oracles and the points, which are repeated here as constants.
 */
public final class Cases {

    static final double[] COEFFICIENTS = {1, -2, 3, 0.5};
    static final double[] KNOTS = {0, 0.5, 1.25, 2, 3};
    static final double[] VALUES = {1, 0.2, -0.4, 0.9, 2.5};
    static final double[] SAMPLE = {1.5, -0.7, 2.2, 3.1, 0.4};
    static final double[] POSITIVE = {1.5, 0.7, 2.2, 3.1, 0.4};

    private static final Map<String, Supplier<double[]>> CASES = new LinkedHashMap<>();

    private Cases() {
    }

    static void scalar(String name, ScalarFunction f, double... points) {
        for (double x : points) {
            CASES.put(name + "@" + x, () -> new double[] {AD.gradient(f, x)});
            CASES.put(name + "@" + x + ".forward", () -> new double[] {AD.derivative(f, x)});
        }
    }

    static void vector(String name, MultivariateFunction f, double... x) {
        CASES.put(name, () -> AD.gradient(f, x));
    }

    static {
        PolynomialFunction polynomial = new PolynomialFunction(COEFFICIENTS);
        scalar("polynomial.x", polynomial::value, -1.3, 0.7);
        vector("polynomial.coefficients", c -> new PolynomialFunction(c).value(0.7), COEFFICIENTS);

        PolynomialSplineFunction spline = new SplineInterpolator().interpolate(KNOTS, VALUES);
        scalar("spline.x", spline::value, 0.25, 1.5, 2.9);
        for (double x : new double[] {0.25, 1.5, 2.9}) {
            vector("spline.data@" + x, y -> new SplineInterpolator().interpolate(KNOTS, y).value(x), VALUES);
            vector("akima.data@" + x, y -> new AkimaSplineInterpolator().interpolate(KNOTS, y).value(x), VALUES);
        }

        scalar("gamma", Gamma::gamma, -1.5, 0.3, 2.5, 7.5, 25.5);
        scalar("logGamma", Gamma::logGamma, 0.3, 2.5, 7.5, 25.5);
        scalar("digamma", Gamma::digamma, 0.3, 2.5, 60);
        scalar("trigamma", Gamma::trigamma, 0.3, 2.5);
        scalar("logGamma1p", Gamma::logGamma1p, 0.3, 1.2);
        scalar("invGamma1pm1", Gamma::invGamma1pm1, -0.3, 0.7);
        vector("regularizedGammaP@2.5,1.5", v -> Gamma.regularizedGammaP(v[0], v[1]), 2.5, 1.5);
        vector("regularizedGammaP@2.5,6.0", v -> Gamma.regularizedGammaP(v[0], v[1]), 2.5, 6.0);
        vector("regularizedGammaQ@2.5,6.0", v -> Gamma.regularizedGammaQ(v[0], v[1]), 2.5, 6.0);
        scalar("erf", Erf::erf, -0.7, 0.3, 1.9, 3.5);
        scalar("erfc", Erf::erfc, 0.3, 1.9, 5.5);
        vector("erf2@0.3,1.2", v -> Erf.erf(v[0], v[1]), 0.3, 1.2);
        scalar("erfInv", Erf::erfInv, -0.5, 0.3, 0.9);
        scalar("erfcInv", Erf::erfcInv, 0.5, 1.3);
        vector("logBeta@2.5,1.5", v -> Beta.logBeta(v[0], v[1]), 2.5, 1.5);
        vector("logBeta@0.7,12.0", v -> Beta.logBeta(v[0], v[1]), 0.7, 12.0);
        vector("logBeta@15.0,25.0", v -> Beta.logBeta(v[0], v[1]), 15.0, 25.0);
        vector("regularizedBeta@0.3,2.5,1.5", v -> Beta.regularizedBeta(v[0], v[1], v[2]), 0.3, 2.5, 1.5);
        vector("regularizedBeta@0.8,2.5,3.5", v -> Beta.regularizedBeta(v[0], v[1], v[2]), 0.8, 2.5, 3.5);

        vector("sum", StatUtils::sum, SAMPLE);
        vector("sumSq", StatUtils::sumSq, SAMPLE);
        vector("mean", StatUtils::mean, SAMPLE);
        vector("variance", StatUtils::variance, SAMPLE);
        vector("populationVariance", StatUtils::populationVariance, SAMPLE);
        vector("max", StatUtils::max, SAMPLE);
        vector("min", StatUtils::min, SAMPLE);
        vector("percentile50", x -> StatUtils.percentile(x, 50), SAMPLE);
        vector("product", StatUtils::product, POSITIVE);
        vector("sumLog", StatUtils::sumLog, POSITIVE);
        vector("geometricMean", StatUtils::geometricMean, POSITIVE);
        vector("normalize", x -> weighted(StatUtils.normalize(x)), SAMPLE);
        vector("summaryStatistics.mean", x -> summary(x).getMean(), SAMPLE);
        vector("summaryStatistics.variance", x -> summary(x).getVariance(), SAMPLE);
        vector("summaryStatistics.standardDeviation", x -> summary(x).getStandardDeviation(), SAMPLE);

        scalar("fastmath.powInt", x -> FastMath.pow(x, 5), -1.3, 0.7);
        scalar("fastmath.powLong", x -> FastMath.pow(x, 7L), -1.3, 0.7);
        scalar("fastmath.logBase", x -> FastMath.log(3.0, x), 0.3, 7.5);
        scalar("fastmath.composite", x -> FastMath.exp(FastMath.sin(x)) * FastMath.sqrt(x), 0.3, 2.5);
        scalar("fastmath.absTimesX", x -> FastMath.abs(x) * x, -1.3, 0.7);
        vector("fastmath.hypot", v -> FastMath.hypot(v[0], v[1]), 0.6, -1.3);
        vector("fastmath.atan2", v -> FastMath.atan2(v[0], v[1]), 0.6, -1.3);

        // the library's own validation: its exception, built from a value that carries a derivative, propagates
        scalar("gaussian.invalidSigma", s -> new Gaussian(0, s).value(1),
                -1.0);
        vector("rk4.decay", p -> rk4(new Decay(p[1]), p[0], 1.0), 2.0, 0.5);
        vector("dp853.decay", p -> dp853(new Decay(p[1]), p[0], 1.0), 2.0, 0.5);
        vector("dp853.logistic", p -> dp853(new LogisticGrowth(p[1]), p[0], 2.0), 0.2, 1.5);
        vector("rk4.oscillator", p -> oscillator(p[0], p[1], p[2]), 1.0, 0.3, 2.0);
    }

    /** A smooth scalar of a vector, so that a function returning an array has a gradient to compare. */
    /** Commons Math's streaming statistics: package-private moments (FirstMoment) behind public classes. */
    static SummaryStatistics summary(double[] x) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : x) {
            s.addValue(v);
        }
        return s;
    }

    static double weighted(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += (i + 1) * v[i] * v[i];
        }
        return s;
    }

    /** y' = -k y */
    static final class Decay implements FirstOrderDifferentialEquations {
        final double k;

        Decay(double k) {
            this.k = k;
        }

        @Override
        public int getDimension() {
            return 1;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            yDot[0] = -k * y[0];
        }
    }

    /** y' = r y (1 - y) */
    static final class LogisticGrowth implements FirstOrderDifferentialEquations {
        final double r;

        LogisticGrowth(double r) {
            this.r = r;
        }

        @Override
        public int getDimension() {
            return 1;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            yDot[0] = r * y[0] * (1 - y[0]);
        }
    }

    /** x'' = -w^2 x as a first-order system. */
    static final class Oscillator implements FirstOrderDifferentialEquations {
        final double w;

        Oscillator(double w) {
            this.w = w;
        }

        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] yDot) {
            yDot[0] = y[1];
            yDot[1] = -w * w * y[0];
        }
    }

    /** Fixed steps of 1/8, which divide every end time here exactly. */
    static double rk4(FirstOrderDifferentialEquations ode, double y0, double t) {
        double[] y = {y0};
        new ClassicalRungeKuttaIntegrator(0.125).integrate(ode, 0, y, t, y);
        return y[0];
    }

    static double dp853(FirstOrderDifferentialEquations ode, double y0, double t) {
        double[] y = {y0};
        new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-12).integrate(ode, 0, y, t, y);
        return y[0];
    }

    static double oscillator(double x0, double v0, double w) {
        double[] y = {x0, v0};
        new ClassicalRungeKuttaIntegrator(0.125).integrate(new Oscillator(w), 0, y, 1.5, y);
        return y[0];
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
