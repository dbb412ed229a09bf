package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * Everyday Java constructs inside differentiated functions give the analytic derivative. All cases of
 * src/test/programs/idioms/Idioms.java run in one JVM at x = 0.7.
 */
class IdiomsTest {

    static final double X = 0.7;

    /** Each case of the program and its derivative, by hand. */
    static final Map<String, DoubleUnaryOperator> DERIVATIVES = new LinkedHashMap<>();

    static {
        DERIVATIVES.put("nestmate_private_access", x -> 6 * x + 1.5);
        DERIVATIVES.put("interface_default_method", x -> 6 * x * x);
        DERIVATIVES.put("abstract_template_method", x -> Math.exp(x) + 1);
        DERIVATIVES.put("enum_constant_bodies", x -> 2 * x + 3 * x * x);
        DERIVATIVES.put("boxed_constants_from_a_list", x -> 6 * x);
        DERIVATIVES.put("int_array_clone", x -> 4 * x);
        DERIVATIVES.put("loop_with_break_and_continue", x -> 1 + 3 * x * x + 5 * Math.pow(x, 4));
        DERIVATIVES.put("try_finally", x -> 2 * x + Math.cos(x));
        DERIVATIVES.put("synchronized_block", x -> (1 + x) * Math.exp(x));
        DERIVATIVES.put("varargs", x -> 10 * x);
        DERIVATIVES.put("static_field_write_then_read", x -> 8 * x);
        DERIVATIVES.put("two_dimensional_array", x -> {
            double d = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    d += 2 * (x * (i + 1) + j) * (i + 1);
                }
            }
            return d;
        });
        DERIVATIVES.put("loop_over_enum_values", x -> 2 * x + 3 * x * x);
        DERIVATIVES.put("boxed_constant_read_through_Number", x -> 5 * x);
    }

    private static Outcome run;

    @BeforeAll
    static void launch() {
        run = Launch.of("Idioms").classPath(TestPrograms.jar("idioms"))
                .args(DERIVATIVES.keySet().toArray(new String[0])).run().assertSucceeded();
    }

    static Stream<Arguments> working() {
        return DERIVATIVES.keySet().stream()
                .filter(name -> !name.equals("loop_over_enum_values")
                        && !name.equals("boxed_constant_read_through_Number"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("working")
    void the_gradient_through_an_everyday_construct_is_the_analytic_one(String name) {
        assertAnalytic(name);
    }

    @Test
    void a_loop_over_the_values_of_an_enum_is_differentiated() {
        assertAnalytic("loop_over_enum_values");
    }

    @Test
    void a_boxed_constant_read_through_Number_is_differentiated() {
        assertAnalytic("boxed_constant_read_through_Number");
    }

    private static void assertAnalytic(String name) {
        double expected = DERIVATIVES.get(name).applyAsDouble(X);
        assertEquals(expected, run.number(name), 1e-14 * Math.max(1, Math.abs(expected)), run::describe);
    }
}
