package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckCommandTest {

    private static final String CHECKED = "dev.adjoint.cli.subjects.Checked#";

    static UserCode user;

    @BeforeAll
    static void compile() throws IOException {
        user = UserCode.get();
    }

    @Test
    void the_seed_sine_passes_with_the_derivative_cos_x() {
        Ad ad = passes("check", "dev.adjoint.examples.sine.TaylorSine#sine", "--at", "1.0");
        assertEquals(Math.cos(1.0), ad(ad, "x"), 1e-8, ad::describe);
        assertTrue(ad.out.startsWith("dev.adjoint.examples.sine.TaylorSine#sine(double)\n  value 0.84147098"),
                ad::describe);
        assertTrue(ad.out.endsWith("ok: the gradient agrees with central differences (tolerance 1e-6)\n"),
                ad::describe);
    }

    @Test
    void several_doubles_are_the_components_of_the_gradient() {
        Ad ad = passes("check", CHECKED + "product", "--at", "0.5,-2,0.25", "--mode", "both");
        double e = Math.exp(0.25);
        assertEquals(-2 * e, ad(ad, "x"), 1e-14, ad::describe);
        assertEquals(0.5 * e, ad(ad, "y"), 1e-14, ad::describe);
        assertEquals(0.5 * -2 * e, ad(ad, "z"), 1e-14, ad::describe);
        assertEquals(6, rows(ad).size(), ad::describe); // three components, reverse and forward
    }

    @Test
    void an_array_parameter_takes_any_number_of_components() {
        Ad ad = passes("check", CHECKED + "rosenbrock", "--at", "1.2,0.8,-0.5");
        double[] x = {1.2, 0.8, -0.5};
        assertEquals(-400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]), ad(ad, "x[0]"), 1e-12, ad::describe);
        assertEquals(200 * (x[1] - x[0] * x[0]) - 400 * x[1] * (x[2] - x[1] * x[1]) - 2 * (1 - x[1]),
                ad(ad, "x[1]"), 1e-12, ad::describe);
        assertEquals(200 * (x[2] - x[1] * x[1]), ad(ad, "x[2]"), 1e-12, ad::describe);
    }

    @Test
    void varargs_are_an_array() {
        Ad ad = passes("check", CHECKED + "sumOfSquares", "--at", "3,-4", "--mode", "forward");
        assertEquals(6, ad(ad, "x[0]"), 0, ad::describe);
        assertEquals(-8, ad(ad, "x[1]"), 0, ad::describe);
    }

    @Test
    void an_instance_method_runs_on_an_object_made_by_the_public_constructor() {
        Ad ad = passes("check", CHECKED + "scaled", "--at", "0.7");
        assertEquals(3 * (Math.cos(0.7) * 0.7 + Math.sin(0.7)), ad(ad, "x"), 1e-14, ad::describe);
    }

    @Test
    void user_classes_from_cp_also_package_private_ones() {
        Ad ad = passes("check", "com.example.Overloads#hidden", "--at", "0.3", "--cp", user.jar.toString());
        double x = 0.3;
        double expected = Math.exp(x) / (1 + x * x) - Math.exp(x) * 2 * x / ((1 + x * x) * (1 + x * x));
        assertEquals(expected, ad(ad, "x"), 1e-14, ad::describe);
        Ad model = passes("check", "com.example.Model#loss", "--at", "3", "--cp", user.classes.toString());
        assertEquals(2 * (0.5 * 3 - 1) * 0.5, ad(model, "x"), 1e-14, model::describe);
        Ad overload = passes("check", "com.example.Overloads#f(double, double)", "--at", "2,0.5", "--cp",
                user.jar.toString());
        assertEquals(2 * Math.cos(0.5), ad(overload, "y"), 1e-14, overload::describe);
    }

    @Test
    void a_jump_where_finite_differences_disagree_fails_with_exit_one() {
        Ad ad = Ad.run("check", CHECKED + "jump", "--at", "1.0");
        assertEquals(1, ad.exitCode, ad::describe);
        assertEquals(1.0, ad(ad, "x"), 0, ad::describe); // the derivative of the branch taken
        assertTrue(rows(ad).get(0).endsWith("FAIL"), ad::describe);
        assertTrue(ad.out.endsWith("FAIL: 1 of 1 values disagree with central differences (tolerance 1e-6)\n"),
                ad::describe);
        // away from the jump the same method passes
        passes("check", CHECKED + "jump", "--at", "2.0");
    }

    @Test
    void a_value_inside_AD_that_is_not_the_plain_calls_fails_the_check() {
        Ad ad = Ad.run("check", CHECKED + "drifting", "--at", "0.5");
        assertEquals(1, ad.exitCode, ad::describe);
        assertTrue(rows(ad).get(0).endsWith("  ok"), ad::describe); // the derivative itself is right
        assertTrue(ad.out.endsWith("FAIL: the value AD.valueAndGradient computed, 0.500000001, is not the plain "
                + "call's, 0.5 (Adjoint runs the method unchanged, so this is a bug in Adjoint, or the method does "
                + "not return the same value twice)\n"), ad::describe);
    }

    @Test
    void a_refusal_exits_three_with_the_engine_message() {
        Ad ad = Ad.run("check", CHECKED + "bits", "--at", "0.5");
        assertEquals(3, ad.exitCode, ad::describe);
        assertEquals(1, ad.errLines().size(), ad::describe);
        assertTrue(ad.err.startsWith("ad: cannot differentiate bit reinterpretation"), ad::describe);
        assertTrue(ad.err.contains("dev.adjoint.cli.subjects.Checked.bits(Checked.java:"), ad::describe);
    }

    @Test
    void an_exception_of_the_function_fails_the_check_and_names_the_point() {
        Ad ad = Ad.run("check", CHECKED + "throwing", "--at", "0.5");
        assertEquals(1, ad.exitCode, ad::describe);
        assertEquals("ad: dev.adjoint.cli.subjects.Checked#throwing(double) threw java.lang.IllegalArgumentException:"
                + " x must not be positive at x = 0.5", ad.err.strip(), ad::describe);
    }

    @Test
    void methods_of_other_shapes_are_refused_with_the_shapes_that_work() {
        Ad ints = ErrorsTest.usageError("check", CHECKED + "counted", "--at", "1");
        assertTrue(ints.err.contains("take doubles, a double[] or double...") && ints.err.contains("(int)"),
                ints::describe);
        Ad floats = ErrorsTest.usageError("check", CHECKED + "single", "--at", "1");
        assertTrue(floats.err.contains("returns float"), floats::describe);
        Ad strings = ErrorsTest.usageError("check", "com.example.Overloads#g", "--at", "1,2", "--cp",
                user.jar.toString());
        assertTrue(strings.err.contains("(String, double)"), strings::describe);
    }

    @Test
    void an_instance_method_without_a_usable_constructor_is_refused() {
        Ad ad = ErrorsTest.usageError("check", "dev.adjoint.cli.subjects.NoDefaultConstructor#f", "--at", "1");
        assertTrue(ad.err.contains("has no public constructor without parameters"), ad::describe);
    }

    @Test
    void a_bad_point_is_a_usage_error() {
        assertTrue(ErrorsTest.usageError("check", CHECKED + "product", "--at", "1,abc,2").err
                .contains("'abc' is not a number"));
        assertTrue(ErrorsTest.usageError("check", CHECKED + "product", "--at", "1,2").err
                .contains("takes 3 double(s); --at gives 2 number(s)"));
        assertTrue(ErrorsTest.usageError("check", CHECKED + "product", "--at", "1,NaN,2").err
                .contains("--at must be finite numbers"));
        Ad noPoint = Ad.run("check", CHECKED + "product");
        assertEquals(2, noPoint.exitCode, noPoint::describe);
        assertTrue(noPoint.err.contains("Missing required option: '--at=X,...'"), noPoint::describe);
        assertTrue(ErrorsTest.usageError("check", CHECKED + "product", "--at", "1,2,3", "--tolerance", "-1").err
                .contains("--tolerance must be a finite number >= 0"));
    }

    @Test
    void what_the_function_prints_goes_to_standard_error() {
        Ad ad = passes("check", "dev.adjoint.examples.sine.TaylorSine#sine", "--at", "0.5");
        assertTrue(ad.out.lines().noneMatch(l -> l.startsWith("i=")), ad::describe);
    }

    /** Runs a check that must pass: exit 0, an "ok" on every row. */
    private static Ad passes(String... args) {
        Ad ad = Ad.run(args);
        assertEquals(0, ad.exitCode, ad::describe);
        for (String row : rows(ad)) {
            assertTrue(row.endsWith("  ok"), ad::describe);
        }
        return ad;
    }

    /** The table rows (without the header). */
    private static List<String> rows(Ad ad) {
        List<String> lines = Arrays.asList(ad.out.split("\n"));
        int header = 0;
        while (!lines.get(header).trim().startsWith("component")) {
            header++;
        }
        return lines.subList(header + 1, lines.size() - 1);
    }

    /** The AD value of a component, from its first row. */
    private static double ad(Ad ad, String component) {
        List<String> header = Arrays.asList(ad.out.split("\n")).stream()
                .filter(l -> l.trim().startsWith("component")).map(l -> Arrays.asList(l.trim().split("\\s{2,}")))
                .findFirst().orElseThrow();
        int column = header.get(2).equals("mode") ? 3 : 2;
        for (String row : rows(ad)) {
            String[] cells = row.trim().split("\\s{2,}");
            if (cells[0].equals(component)) {
                return Double.parseDouble(cells[column]);
            }
        }
        throw new AssertionError("no component " + component + " in\n" + ad.describe());
    }
}
