package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;

import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.it.harness.FiniteDifferences;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Libraries;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * Every function of Commons Math 3.6.1's {@code analysis.function} package, differentiated as published, in one JVM
 * with the agent (src/test/programs/commonsmath/Functions.java). The oracles: each differentiable function's own
 * hand-written derivative ({@code value(DerivativeStructure)}), the hand-written gradients of the {@code Parametric}
 * functions with respect to their parameters (and central differences, since one of them is wrong), and analytic
 * derivatives for the rest.
 */
class CommonsMathFunctionsTest {

    private static final String[] GENERAL = {"-1.7", "0.3", "2.5"};

    /** Differentiable univariate functions: their derivative structures are the oracle. */
    static final List<String> DIFFERENTIABLE = new ArrayList<>();
    /** Functions without a derivative structure: derivative almost everywhere, by hand. */
    static final List<String> PIECEWISE = new ArrayList<>();
    static final List<String> BIVARIATE = new ArrayList<>();
    static final List<String> PARAMETRIC = new ArrayList<>();

    static {
        at(DIFFERENTIABLE, "Sin()", "-0.7", "0.3", "1.2", "40.5");
        at(DIFFERENTIABLE, "Cos()", "-0.7", "0.3", "1.2", "40.5");
        at(DIFFERENTIABLE, "Tan()", "-0.7", "0.3", "1.2");
        at(DIFFERENTIABLE, "Exp()", GENERAL);
        at(DIFFERENTIABLE, "Expm1()", "-2.5", "1e-4", "0.3", "1.7");
        for (String f : new String[] {"Log()", "Log10()", "Log1p()", "Sqrt()", "Cbrt()"}) {
            at(DIFFERENTIABLE, f, "0.3", "1.7", "25.0");
        }
        at(DIFFERENTIABLE, "Log1p()", "-0.5");
        at(DIFFERENTIABLE, "Cbrt()", "-8.5");
        for (String f : new String[] {"Sinh()", "Cosh()", "Tanh()", "Asinh()", "Atan()", "Inverse()", "Power(3)",
            "Sigmoid()", "Sigmoid(-1,2)", "Gaussian()", "Gaussian(0.5,1.5)", "Gaussian(2,0.5,1.5)",
            "HarmonicOscillator(1.5,2,0.3)", "Logistic(1,0.5,2,1,1.5,0.8)", "Identity()", "Minus()",
            "Constant(3.5)"}) {
            at(DIFFERENTIABLE, f, GENERAL);
        }
        at(DIFFERENTIABLE, "Tanh()", "25.0");
        for (String f : new String[] {"Asin()", "Acos()", "Atanh()"}) {
            at(DIFFERENTIABLE, f, "-0.6", "0.2", "0.8");
        }
        at(DIFFERENTIABLE, "Acosh()", "1.3", "2.5", "7.0");
        at(DIFFERENTIABLE, "Logit()", "0.2", "0.5", "0.8");
        at(DIFFERENTIABLE, "Logit(-1,3)", "-0.5", "1.0", "2.5");
        at(DIFFERENTIABLE, "Power(2.5)", "0.3", "1.7");
        at(DIFFERENTIABLE, "Power(-1.5)", "0.3", "1.7");
        // below 6e-3 Sinc switches to a Taylor series, as does its derivative structure
        at(DIFFERENTIABLE, "Sinc()", "0.0", "1e-3", "0.5", "3.0", "-7.5");
        at(DIFFERENTIABLE, "Sinc(true)", "0.0", "1e-3", "0.5", "3.0", "-7.5");
        for (String f : new String[] {"Abs()", "Ceil()", "Floor()", "Rint()", "Signum()", "Ulp()"}) {
            at(PIECEWISE, f, "-1.7", "0.3", "2.6");
        }
        for (String f : new String[] {"Add()", "Subtract()", "Multiply()", "Divide()", "Min()", "Max()",
            "Atan2()"}) {
            at(BIVARIATE, f, "0.7:1.3", "-1.1:0.4");
        }
        at(BIVARIATE, "Pow()", "0.7:1.3", "2.5:-0.5");
        at(PARAMETRIC, "Gaussian$Parametric()", "0.3|2,0.5,1.5", "-1.7|1,-1,0.5");
        at(PARAMETRIC, "HarmonicOscillator$Parametric()", "0.3|1.5,2,0.3", "2.5|0.5,-1,1.2");
        at(PARAMETRIC, "Logistic$Parametric()", "0.3|1,0.5,2,1,1.5,0.8", "-1.7|2,-0.5,1,0.5,1,2");
        at(PARAMETRIC, "Sigmoid$Parametric()", "0.3|-1,2", "2.5|0.5,3");
        at(PARAMETRIC, "Logit$Parametric()", "0.3|-1,2", "2.5|0.5,3");
    }

    private static void at(List<String> cases, String spec, String... points) {
        for (String p : points) {
            cases.add(spec + "@" + p);
        }
    }

    private static Outcome run;

    @BeforeAll
    static void launch() {
        List<String> all = new ArrayList<>();
        Stream.of(DIFFERENTIABLE, PIECEWISE, BIVARIATE, PARAMETRIC).forEach(all::addAll);
        run = Launch.of("Functions")
                .classPath(TestPrograms.jar("commonsmath", Libraries.commonsMath()))
                .classPath(Libraries.commonsMath())
                .args(all.toArray(new String[0])).run().assertSucceeded();
    }

    static Stream<String> differentiable() {
        return DIFFERENTIABLE.stream();
    }

    static Stream<String> piecewise() {
        return PIECEWISE.stream();
    }

    static Stream<Arguments> bivariate() {
        return BIVARIATE.stream().map(Arguments::of);
    }

    static Stream<String> parametric() {
        return PARAMETRIC.stream();
    }

    static Stream<String> logit() {
        return PARAMETRIC.stream().filter(c -> c.startsWith("Logit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void reverse_and_forward_mode_agree_with_the_function_s_own_derivative_structure(String c) throws Exception {
        UnivariateDifferentiableFunction f = (UnivariateDifferentiableFunction) create(spec(c));
        double x = Double.parseDouble(point(c));
        double expected = f.value(new DerivativeStructure(1, 1, 0, x)).getPartialDerivative(1);
        assertClose(expected, run.number("reverse:" + c));
        assertClose(expected, run.number("forward:" + c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("piecewise")
    void piecewise_functions_have_their_derivative_almost_everywhere(String c) {
        double x = Double.parseDouble(point(c));
        double expected = spec(c).equals("Abs()") ? Math.signum(x) : 0.0;
        assertEquals(expected, run.number("reverse:" + c), 0.0, run::describe);
        assertEquals(expected, run.number("forward:" + c), 0.0, run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bivariate")
    void bivariate_functions_get_both_partial_derivatives(String c) {
        String[] xy = point(c).split(":");
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        DoubleBinaryOperator[] d = partials(spec(c));
        double[] expected = {d[0].applyAsDouble(x, y), d[1].applyAsDouble(x, y)};
        assertArrayEquals(expected, run.numbers("reverse:" + c), 1e-15 * norm(expected), run::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parametric")
    void parametric_functions_agree_with_their_hand_written_gradients(String c) throws Exception {
        ParametricUnivariateFunction f = (ParametricUnivariateFunction) create(spec(c));
        double x = parametricX(c);
        double[] params = parameters(c);
        double[] ad = run.numbers("reverse:" + c);
        double[] fd = FiniteDifferences.gradient(p -> f.value(x, p), params);
        assertArrayEquals(fd, ad, 1e-7 * norm(fd), run::describe);
        if (!spec(c).startsWith("Logit")) {
            double[] expected = f.gradient(x, params);
            assertArrayEquals(expected, ad, 1e-13 * norm(expected), run::describe);
        }
    }

    /**
     * Commons Math 3.6.1's hand-written gradient of {@code Logit.Parametric} has the wrong sign in {@code hi}:
     * d/dhi log((x - lo) / (hi - x)) is -1 / (hi - x), not 1 / (hi - x). The AD follows the code, and central
     * differences agree with it (above); this records that the library's oracle is the one that is wrong.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("logit")
    void commons_math_s_own_logit_gradient_is_wrong_in_hi(String c) {
        double x = parametricX(c);
        double hi = parameters(c)[1];
        double[] handWritten = new org.apache.commons.math3.analysis.function.Logit.Parametric()
                .gradient(x, parameters(c));
        assertEquals(1 / (hi - x), handWritten[1], 1e-15);
        assertEquals(-1 / (hi - x), run.numbers("reverse:" + c)[1], 1e-13 * Math.abs(1 / (hi - x)), run::describe);
    }

    private static double parametricX(String c) {
        return Double.parseDouble(point(c).split("\\|")[0]);
    }

    private static double[] parameters(String c) {
        return Arrays.stream(point(c).split("\\|")[1].split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Analytic partial derivatives of the bivariate functions. */
    private static DoubleBinaryOperator[] partials(String spec) {
        switch (spec) {
            case "Add()": return new DoubleBinaryOperator[] {(x, y) -> 1, (x, y) -> 1};
            case "Subtract()": return new DoubleBinaryOperator[] {(x, y) -> 1, (x, y) -> -1};
            case "Multiply()": return new DoubleBinaryOperator[] {(x, y) -> y, (x, y) -> x};
            case "Divide()": return new DoubleBinaryOperator[] {(x, y) -> 1 / y, (x, y) -> -x / (y * y)};
            case "Min()": return new DoubleBinaryOperator[] {(x, y) -> x < y ? 1 : 0, (x, y) -> x < y ? 0 : 1};
            case "Max()": return new DoubleBinaryOperator[] {(x, y) -> x > y ? 1 : 0, (x, y) -> x > y ? 0 : 1};
            case "Atan2()": return new DoubleBinaryOperator[] {
                (y, x) -> x / (x * x + y * y), (y, x) -> -y / (x * x + y * y)};
            case "Pow()": return new DoubleBinaryOperator[] {
                (x, y) -> y * Math.pow(x, y - 1), (x, y) -> Math.pow(x, y) * Math.log(x)};
            default: throw new IllegalArgumentException(spec);
        }
    }

    private void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)), run::describe);
    }

    private static double norm(double[] v) {
        double n = 1;
        for (double d : v) {
            n = Math.max(n, Math.abs(d));
        }
        return n;
    }

    private static String spec(String c) {
        return c.substring(0, c.lastIndexOf('@'));
    }

    private static String point(String c) {
        return c.substring(c.lastIndexOf('@') + 1);
    }

    /** As the program does: {@code Gaussian(1,0.5,2)} is a class of the package and its constructor's arguments. */
    static Object create(String spec) throws ReflectiveOperationException {
        int open = spec.indexOf('(');
        Class<?> c = Class.forName("org.apache.commons.math3.analysis.function." + spec.substring(0, open));
        String inside = spec.substring(open + 1, spec.length() - 1);
        String[] args = inside.isEmpty() ? new String[0] : inside.split(",");
        for (Constructor<?> k : c.getConstructors()) {
            Class<?>[] types = k.getParameterTypes();
            if (types.length == args.length) {
                Object[] values = new Object[args.length];
                for (int i = 0; i < args.length; i++) {
                    values[i] = types[i] == boolean.class ? (Object) Boolean.parseBoolean(args[i])
                            : (Object) Double.parseDouble(args[i]);
                }
                return k.newInstance(values);
            }
        }
        throw new IllegalArgumentException("no constructor for " + spec);
    }
}
