package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.analysis.interpolation.AkimaSplineInterpolator;
import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialFunction;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.StatUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.it.harness.FiniteDifferences;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Libraries;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * Commons Math 3.6.1 as published, differentiated in one JVM with the agent (src/test/programs/commonsmath/
 * Cases.java): polynomials, splines with respect to x and to the data, Gamma, Erf, Beta, StatUtils, FastMath, and
 * the ODE integrators calling back into user code. Oracles: analytic derivatives built from Commons Math's own
 * independent functions (digamma, trigamma), its hand-written derivatives (polynomial and spline derivatives), the
 * exact derivative of the discrete Runge-Kutta map, and central differences.
 */
class CommonsMathTest {

    static final double[] COEFFICIENTS = {1, -2, 3, 0.5};
    static final double[] KNOTS = {0, 0.5, 1.25, 2, 3};
    static final double[] VALUES = {1, 0.2, -0.4, 0.9, 2.5};
    static final double[] SAMPLE = {1.5, -0.7, 2.2, 3.1, 0.4};
    static final double[] POSITIVE = {1.5, 0.7, 2.2, 3.1, 0.4};

    /** Scalar cases: name, points, derivative. Each is run in reverse and in forward mode. */
    static final Map<String, double[]> POINTS = new LinkedHashMap<>();
    static final Map<String, DoubleUnaryOperator> DERIVATIVES = new LinkedHashMap<>();
    static final Map<String, Double> TOLERANCES = new LinkedHashMap<>();

    private static void scalar(String name, DoubleUnaryOperator derivative, double tolerance, double... points) {
        POINTS.put(name, points);
        DERIVATIVES.put(name, derivative);
        TOLERANCES.put(name, tolerance);
    }

    static {
        PolynomialFunction p = new PolynomialFunction(COEFFICIENTS);
        scalar("polynomial.x", p.polynomialDerivative()::value, 1e-14, -1.3, 0.7);
        PolynomialSplineFunction spline = new SplineInterpolator().interpolate(KNOTS, VALUES);
        scalar("spline.x", spline.polynomialSplineDerivative()::value, 1e-14, 0.25, 1.5, 2.9);
        scalar("gamma", x -> Gamma.gamma(x) * digamma(x), 1e-12, -1.5, 0.3, 2.5, 7.5, 25.5);
        scalar("logGamma", CommonsMathTest::digamma, 1e-12, 0.3, 2.5, 7.5, 25.5);
        // Commons Math's digamma is off by the derivative of its own error (see digamma below): the code's derivative
        scalar("digamma", x -> FiniteDifferences.derivative(Gamma::digamma, x), 1e-7, 0.3, 2.5, 60);
        scalar("trigamma", x -> FiniteDifferences.derivative(Gamma::trigamma, x), 1e-7, 0.3, 2.5);
        scalar("logGamma1p", x -> digamma(1 + x), 1e-12, 0.3, 1.2);
        scalar("invGamma1pm1", x -> -digamma(1 + x) / Gamma.gamma(1 + x), 1e-12, -0.3, 0.7);
        scalar("erf", CommonsMathTest::gaussianKernel, 1e-13, -0.7, 0.3, 1.9, 3.5);
        scalar("erfc", x -> -gaussianKernel(x), 1e-13, 0.3, 1.9, 5.5);
        scalar("erfInv", y -> 1 / gaussianKernel(Erf.erfInv(y)), 1e-12, -0.5, 0.3, 0.9);
        scalar("erfcInv", y -> -1 / gaussianKernel(Erf.erfcInv(y)), 1e-12, 0.5, 1.3);
        scalar("fastmath.powInt", x -> 5 * Math.pow(x, 4), 1e-14, -1.3, 0.7);
        scalar("fastmath.powLong", x -> 7 * Math.pow(x, 6), 1e-14, -1.3, 0.7);
        scalar("fastmath.logBase", x -> 1 / (x * Math.log(3)), 1e-14, 0.3, 7.5);
        scalar("fastmath.composite", x -> Math.exp(Math.sin(x)) * (Math.cos(x) * Math.sqrt(x)
                + 0.5 / Math.sqrt(x)), 1e-14, 0.3, 2.5);
        scalar("fastmath.absTimesX", x -> 2 * Math.abs(x), 1e-15, -1.3, 0.7);
    }

    /** Vector cases: name and gradient. */
    static final Map<String, double[]> GRADIENTS = new LinkedHashMap<>();
    static final Map<String, Double> VECTOR_TOLERANCES = new LinkedHashMap<>();

    private static void vector(String name, double tolerance, double... gradient) {
        GRADIENTS.put(name, gradient);
        VECTOR_TOLERANCES.put(name, tolerance);
    }

    static {
        vector("polynomial.coefficients", 1e-15, 1, 0.7, 0.49, 0.343);
        for (double x : new double[] {0.25, 1.5, 2.9}) {
            vector("spline.data@" + x, 1e-14, splineWeights(x));
            vector("akima.data@" + x, 1e-7, FiniteDifferences.gradient(
                    y -> new AkimaSplineInterpolator().interpolate(KNOTS, y).value(x), VALUES));
        }
        vector("regularizedGammaP@2.5,1.5", 1e-9, gammaP(2.5, 1.5));
        vector("regularizedGammaP@2.5,6.0", 1e-9, gammaP(2.5, 6.0));
        double[] q = gammaP(2.5, 6.0);
        vector("regularizedGammaQ@2.5,6.0", 1e-9, -q[0], -q[1]);
        vector("erf2@0.3,1.2", 1e-13, -gaussianKernel(0.3), gaussianKernel(1.2));
        for (double[] ab : new double[][] {{2.5, 1.5}, {0.7, 12.0}, {15.0, 25.0}}) {
            double both = digamma(ab[0] + ab[1]);
            vector("logBeta@" + ab[0] + "," + ab[1], 1e-11, digamma(ab[0]) - both,
                    digamma(ab[1]) - both);
        }
        vector("regularizedBeta@0.3,2.5,1.5", 1e-8, beta(0.3, 2.5, 1.5));
        // not at integer parameters: there the continued fraction ends after a few terms that are exactly zero, and
        // the derivative is that of the finite fraction the code evaluates, not of the function
        vector("regularizedBeta@0.8,2.5,3.5", 1e-8, beta(0.8, 2.5, 3.5));

        int n = SAMPLE.length;
        double mean = StatUtils.mean(SAMPLE);
        vector("sum", 0, each(SAMPLE, x -> 1));
        vector("sumSq", 0, each(SAMPLE, x -> 2 * x));
        vector("mean", 1e-16, each(SAMPLE, x -> 1.0 / n));
        vector("variance", 1e-15, each(SAMPLE, x -> 2 * (x - mean) / (n - 1)));
        vector("populationVariance", 1e-15, each(SAMPLE, x -> 2 * (x - mean) / n));
        vector("max", 0, 0, 0, 0, 1, 0);
        vector("min", 0, 0, 1, 0, 0, 0);
        vector("percentile50", 0, 1, 0, 0, 0, 0);
        double product = StatUtils.product(POSITIVE);
        double geometric = StatUtils.geometricMean(POSITIVE);
        vector("product", 1e-14, each(POSITIVE, x -> product / x));
        vector("sumLog", 1e-15, each(POSITIVE, x -> 1 / x));
        vector("geometricMean", 1e-14, each(POSITIVE, x -> geometric / (n * x)));
        double sd = Math.sqrt(StatUtils.variance(SAMPLE));
        vector("summaryStatistics.mean", 1e-16, each(SAMPLE, x -> 1.0 / n));
        vector("summaryStatistics.variance", 1e-14, each(SAMPLE, x -> 2 * (x - mean) / (n - 1)));
        vector("summaryStatistics.standardDeviation", 1e-14, each(SAMPLE, x -> (x - mean) / ((n - 1) * sd)));
        vector("normalize", 1e-7, FiniteDifferences.gradient(x -> weighted(StatUtils.normalize(x)), SAMPLE));

        double h = Math.hypot(0.6, -1.3);
        vector("fastmath.hypot", 1e-15, 0.6 / h, -1.3 / h);
        double r2 = 0.6 * 0.6 + 1.3 * 1.3;
        vector("fastmath.atan2", 1e-15, -1.3 / r2, -0.6 / r2);

        vector("rk4.decay", 1e-14, rungeKuttaDecay(2.0, 0.5, 0.125, 8));
        vector("dp853.decay", 1e-8, Math.exp(-0.5), -2.0 * Math.exp(-0.5));
        vector("dp853.logistic", 1e-7, logistic(0.2, 1.5, 2.0));
        vector("rk4.oscillator", 1e-7, FiniteDifferences.gradient(v -> oscillator(v[0], v[1], v[2]),
                new double[] {1.0, 0.3, 2.0}));
    }

    private static Outcome run;

    @BeforeAll
    static void launch() {
        List<String> names = new ArrayList<>();
        POINTS.forEach((name, points) -> {
            for (double x : points) {
                names.add(name + "@" + x);
                names.add(name + "@" + x + ".forward");
            }
        });
        names.addAll(GRADIENTS.keySet());
        names.add(INVALID);
        names.add(INVALID + ".forward");
        run = Launch.of("Cases").classPath(TestPrograms.jar("commonsmath", Libraries.commonsMath()))
                .classPath(Libraries.commonsMath()).args(names.toArray(new String[0])).run().assertSucceeded();
    }

    static List<String> scalarCases() {
        List<String> cases = new ArrayList<>();
        POINTS.forEach((name, points) -> {
            for (double x : points) {
                cases.add(name + "@" + x);
            }
        });
        return cases;
    }

    static List<String> vectorCases() {
        return new ArrayList<>(GRADIENTS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarCases")
    void scalar_functions_in_reverse_and_forward_mode(String c) {
        String name = c.substring(0, c.lastIndexOf('@'));
        double x = Double.parseDouble(c.substring(c.lastIndexOf('@') + 1));
        double expected = DERIVATIVES.get(name).applyAsDouble(x);
        double tolerance = TOLERANCES.get(name) * Math.max(1, Math.abs(expected));
        assertEquals(expected, run.number(c), tolerance, run::describe);
        assertEquals(expected, run.number(c + ".forward"), tolerance, run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorCases")
    void gradients_of_functions_of_several_variables(String c) {
        double[] expected = GRADIENTS.get(c);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertArrayEquals(expected, run.numbers(c), VECTOR_TOLERANCES.get(c) * scale, run::describe);
    }

    @Test
    void summary_statistics_as_the_first_gradient_of_a_fresh_jvm() {
        // its moments are package-private classes behind public ones: generated call sites must not name them
        Outcome cold = Launch.of("Cases").classPath(TestPrograms.jar("commonsmath", Libraries.commonsMath()))
                .classPath(Libraries.commonsMath()).args("summaryStatistics.variance").run().assertSucceeded();
        assertArrayEquals(GRADIENTS.get("summaryStatistics.variance"), cold.numbers("summaryStatistics.variance"),
                1e-14 * 4, cold::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rk4.decay", "dp853.decay"})
    void the_integrators_approximate_the_exact_sensitivities_of_the_differential_equation(String c) {
        // y(1) = y0 exp(-k): the discrete sensitivities are those of the ODE up to the integration error
        assertArrayEquals(new double[] {Math.exp(-0.5), -2.0 * Math.exp(-0.5)}, run.numbers(c), 1e-6, run::describe);
    }

    /** A Gaussian with sigma = -1: Commons Math refuses it with its own exception. */
    static final String INVALID = "gaussian.invalidSigma@-1.0";

    @Test
    void the_library_s_own_exception_propagates_when_its_argument_carries_a_derivative() {
        String expected = "threw org.apache.commons.math3.exception.NotStrictlyPositiveException: -1 is smaller than, "
                + "or equal to, the minimum (0)";
        assertEquals(expected, run.value(INVALID), run::describe);
        assertEquals(expected, run.value(INVALID + ".forward"), run::describe);
    }

    @Test
    void the_oracles_of_the_special_functions_agree_with_central_differences() {
        // the analytic oracles are built from digamma and trigamma: check them against the functions themselves
        assertEquals(FiniteDifferences.derivative(Gamma::logGamma, 2.5), digamma(2.5), 1e-8);
        assertEquals(FiniteDifferences.derivative(CommonsMathTest::digamma, 2.5), trigamma(2.5), 1e-8);
        // Commons Math's digamma, where its series starts (x >= 49): two terms with the wrong sign
        assertEquals(-1 / (60 * Math.pow(60, 4)) + 1 / (126 * Math.pow(60, 6)), Gamma.digamma(60) - digamma(60),
                4 * Math.ulp(digamma(60)));
        // psi(1) = -Euler's constant, psi'(1) = pi^2 / 6
        assertEquals(-0.57721566490153286, digamma(1), 1e-15);
        assertEquals(Math.PI * Math.PI / 6, trigamma(1), 1e-15);
        assertEquals(FiniteDifferences.derivative(Erf::erf, 0.3), gaussianKernel(0.3), 1e-8);
        assertArrayEquals(FiniteDifferences.gradient(v -> rungeKutta(2.0, v[0]), new double[] {0.5}),
                new double[] {rungeKuttaDecay(2.0, 0.5, 0.125, 8)[1]}, 1e-8);
    }

    /**
     * Commons Math 3.6.1's digamma adds the 1/(120 x^4) and 1/(252 x^6) terms of its asymptotic series with the
     * wrong signs (an error of about 3e-9), so it is no oracle for the derivative of logGamma to 1e-12. This one is: recurrence up to
     * x >= 20, then the series to x^-14.
     */
    static double digamma(double x) {
        double shift = 0;
        while (x < 20) {
            shift -= 1 / x;
            x += 1;
        }
        double inv = 1 / (x * x);
        double series = inv * (1.0 / 12 - inv * (1.0 / 120 - inv * (1.0 / 252 - inv * (1.0 / 240
                - inv * (1.0 / 132 - inv * (691.0 / 32760 - inv / 12))))));
        return shift + Math.log(x) - 0.5 / x - series;
    }

    /** psi'(x): recurrence up to x >= 20, then the asymptotic series to x^-15. */
    static double trigamma(double x) {
        double shift = 0;
        while (x < 20) {
            shift += 1 / (x * x);
            x += 1;
        }
        double inv = 1 / (x * x);
        double series = 1 + inv * (1.0 / 6 - inv * (1.0 / 30 - inv * (1.0 / 42 - inv * (1.0 / 30
                - inv * (5.0 / 66 - inv * (691.0 / 2730 - inv * 7.0 / 6))))));
        return shift + 1 / x + 0.5 / (x * x) + series / x - 1 / x;
    }

    static double gaussianKernel(double x) {
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
    }

    /** d/dy_j of the spline through (KNOTS, y) at x: the spline is linear in the data. */
    static double[] splineWeights(double x) {
        double[] w = new double[VALUES.length];
        for (int j = 0; j < w.length; j++) {
            double[] unit = new double[VALUES.length];
            unit[j] = 1;
            w[j] = new SplineInterpolator().interpolate(KNOTS, unit).value(x);
        }
        return w;
    }

    /** d/da by central differences, d/dx = the Gamma(a) density at x. */
    static double[] gammaP(double a, double x) {
        double density = Math.exp((a - 1) * Math.log(x) - x - Gamma.logGamma(a));
        return new double[] {FiniteDifferences.derivative(s -> Gamma.regularizedGammaP(s, x), a), density};
    }

    /** d/dx = the Beta(a, b) density at x; d/da, d/db by central differences. */
    static double[] beta(double x, double a, double b) {
        double density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - Beta.logBeta(a, b));
        return new double[] {density, FiniteDifferences.derivative(s -> Beta.regularizedBeta(x, s, b), a),
            FiniteDifferences.derivative(s -> Beta.regularizedBeta(x, a, s), b)};
    }

    static double[] each(double[] x, DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i]);
        }
        return out;
    }

    /** As in the program. */
    static double weighted(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += (i + 1) * v[i] * v[i];
        }
        return s;
    }

    /**
     * Classical Runge-Kutta on y' = -k y multiplies y by P(kh) = 1 - z + z^2/2 - z^3/6 + z^4/24 each step, so after
     * n steps y = y0 P^n: its exact derivatives in y0 and k.
     */
    static double[] rungeKuttaDecay(double y0, double k, double h, int n) {
        double z = k * h;
        double p = 1 - z + z * z / 2 - z * z * z / 6 + z * z * z * z / 24;
        double dp = -1 + z - z * z / 2 + z * z * z / 6;
        return new double[] {Math.pow(p, n), y0 * n * Math.pow(p, n - 1) * dp * h};
    }

    static double rungeKutta(double y0, double k) {
        double z = k * 0.125;
        return y0 * Math.pow(1 - z + z * z / 2 - z * z * z / 6 + z * z * z * z / 24, 8);
    }

    /** y(t) = 1 / (1 + (1/y0 - 1) e^(-rt)) solves y' = r y (1 - y); its derivatives in y0 and r. */
    static double[] logistic(double y0, double r, double t) {
        double e = Math.exp(-r * t);
        double d = 1 + (1 / y0 - 1) * e;
        return new double[] {e / (y0 * y0 * d * d), (1 / y0 - 1) * t * e / (d * d)};
    }

    /** The program's oscillator, integrated here without Adjoint for central differences. */
    static double oscillator(double x0, double v0, double w) {
        double[] y = {x0, v0};
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public void computeDerivatives(double t, double[] s, double[] sDot) {
                sDot[0] = s[1];
                sDot[1] = -w * w * s[0];
            }
        };
        new ClassicalRungeKuttaIntegrator(0.125).integrate(ode, 0, y, 1.5, y);
        return y[0];
    }
}
