package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.StatUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.it.harness.ColdStart;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Libraries;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * More of Commons Math 3.6.1 (src/test/programs/commonsmath/Consumers.java): differentiated through
 * {@code SummaryStatistics}, {@code IterativeLegendreGaussIntegrator} (whose rules are filled lazily, in
 * {@code BigDecimal}) and {@code Vector3D} (whose products split their factors bitwise), and as a consumer of
 * Adjoint's derivatives: the conjugate-gradient optimizer minimising Rosenbrock's function with gradients from
 * {@code AD.gradient}, Levenberg-Marquardt fitting an exponential with Jacobians from {@code AD.jacobian}. Every case
 * runs in one JVM and again as the first gradient of a fresh JVM ({@link ColdStart}). Oracles: analytic derivatives,
 * and the known optimum and the parameters that made the data.
 */
class CommonsMathConsumersTest {

    static final double[] SAMPLE = {1.5, -0.7, 2.2, 3.1, 0.4};
    static final double[] POSITIVE = {1.5, 0.7, 2.2, 3.1, 0.4};

    static final Map<String, double[]> EXPECTED = new LinkedHashMap<>();
    static final Map<String, Double> TOLERANCE = new LinkedHashMap<>();

    /** Run cold in every build: the lazily filled rule cache and an optimizer calling AD.jacobian. */
    static final List<String> REPRESENTATIVE = List.of("legendreGauss", "summaryStatistics.variance",
            "optimizer.levenbergMarquardt");

    private static void expect(String name, double tolerance, double... values) {
        EXPECTED.put(name, values);
        TOLERANCE.put(name, tolerance);
    }

    static {
        int n = SAMPLE.length;
        double mean = StatUtils.mean(SAMPLE);
        expect("summaryStatistics.variance", 1e-14, CommonsMathTest.each(SAMPLE, x -> 2 * (x - mean) / (n - 1)));
        double geometric = StatUtils.geometricMean(POSITIVE);
        expect("summaryStatistics.geometricMean", 1e-14, CommonsMathTest.each(POSITIVE, x -> geometric / (n * x)));
        // d/dx of the integral of sin(x t) over [0, 1]: the integral of t cos(x t), to the integrator's accuracy
        expect("legendreGauss", 1e-9, HipparchusTest.integralOfTCos(1.3));
        double[] d = {1 - 1, 2 + 1, 3 - 0.5};
        double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        expect("vector3d.distance", 1e-15, d[0] / r, d[1] / r, d[2] / r);
        // y / |v| for v = (1, 2, 3): d/dv_j = (delta_1j |v|^2 - v_1 v_j) / |v|^3
        double norm2 = 14;
        double norm3 = Math.pow(14, 1.5);
        expect("vector3d.normalize", 1e-15, -2 * 1 / norm3, (norm2 - 4) / norm3, -2 * 3 / norm3);
        expect("vector3d.dotProduct", 0, -1, 0.5, 2);
        expect("vector3d.crossProduct", 1e-15,
                HipparchusTest.crossNormGradient(new double[] {1, 2, 3}, new double[] {-1, 0.5, 2}));
        // Rosenbrock's minimum, and the parameters the data were made with
        expect("optimizer.conjugateGradient", 1e-6, 1, 1);
        expect("optimizer.levenbergMarquardt", 1e-10, 2.5, -1.3);
    }

    private static Outcome run;

    static Launch program() {
        return Launch.of("Consumers").classPath(TestPrograms.jar("commonsmath", Libraries.commonsMath()))
                .classPath(Libraries.commonsMath());
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
    void commons_math_differentiated_and_fed_with_derivatives_agrees_with_the_oracle(String c) {
        assertCase(c, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coldCases")
    void each_case_gives_the_same_result_as_the_first_gradient_of_a_fresh_jvm(String c) {
        Outcome cold = ColdStart.run(program(), c);
        assertCase(c, cold);
        assertArrayEquals(run.numbers(c), cold.numbers(c), 0, cold::describe);
    }

    /**
     * BOBYQA's optimum (a, b) of (x - a)^2 + 2 (y - b)^2 + a b, through x + 3 y: the derivative of its location is
     * (1, 3), to the optimizer's accuracy. Its trust-region steps shrink to zero under square roots, where an
     * infinite partial meets a zero adjoint, which contributes nothing (the gradient was NaN). {@code
     * BOBYQAOptimizer.bobyqb} is over 2,000 lines, and generating its derivative code takes most of a minute, so the
     * case is a JVM of its own with a longer timeout; that JVM is also its cold start.
     */
    @Test
    void bobyqa_optimum_has_the_gradient_of_its_parameters() {
        Outcome o = program().timeout(Duration.ofMinutes(8)).args("optimizer.bobyqa").run().assertSucceeded();
        assertArrayEquals(new double[] {1, 3}, o.numbers("optimizer.bobyqa"), 3e-6, o::describe);
    }

    private static void assertCase(String c, Outcome o) {
        double[] expected = EXPECTED.get(c);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertArrayEquals(expected, o.numbers(c), TOLERANCE.get(c) * scale, o::describe);
    }
}
