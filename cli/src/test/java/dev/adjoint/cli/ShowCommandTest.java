package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShowCommandTest {

    private static final String SINE = "dev.adjoint.examples.sine.TaylorSine#sine";

    static UserCode user;

    @BeforeAll
    static void compile() throws IOException {
        user = UserCode.get();
    }

    @Test
    void the_seed_sine_shows_out_of_the_box_with_its_augmented_primal_and_pullback() {
        Ad ad = Ad.run("show", SINE);
        assertEquals(0, ad.exitCode, ad::describe);
        assertTrue(ad.out.contains("TaylorSine.sine(double x) → double"), ad::describe);
        assertTrue(ad.out.contains("augmented primal") && ad.out.contains("pullback"), ad::describe);
        assertTrue(ad.out.contains("tape ← ∂") && ad.out.contains("Δx += "), ad::describe);
        assertTrue(ad.out.contains("end: return Δx to the caller"), ad::describe);
        assertEquals("", ad.err, ad::describe);
    }

    @Test
    void forward_mode_shows_the_tangent_method() {
        Ad ad = Ad.run("show", SINE, "--mode", "forward");
        assertEquals(0, ad.exitCode, ad::describe);
        assertTrue(ad.out.startsWith("Forward mode of dev.adjoint.examples.sine.TaylorSine.sine"), ad::describe);
        assertTrue(ad.out.contains("sine$tan, the tangent method") && ad.out.contains("dresult = d"), ad::describe);
    }

    @Test
    void bytecode_prints_the_generated_class() {
        Ad ad = Ad.run("show", SINE, "--bytecode");
        assertEquals(0, ad.exitCode, ad::describe);
        assertTrue(ad.out.contains("class dev/adjoint/examples/sine/TaylorSine$$Adjoint"), ad::describe);
        assertTrue(ad.out.contains("sine$rev(Ldev/adjoint/internal/runtime/Tape;D)V"), ad::describe);
        Ad forward = Ad.run("show", SINE, "--bytecode", "--mode", "forward");
        assertTrue(forward.out.contains("sine$tan(DLdev/adjoint/internal/runtime/Tape;)D"), forward::describe);
    }

    @Test
    void classes_come_from_a_directory_or_a_jar_in_cp() {
        for (Path cp : new Path[] {user.classes, user.jar}) {
            Ad ad = Ad.run("show", "com.example.Model#loss", "--cp", cp.toString());
            assertEquals(0, ad.exitCode, ad::describe);
            assertTrue(ad.out.contains("Model.loss(double x) → double   (instance method)"), ad::describe);
        }
    }

    @Test
    void an_inherited_method_is_found_in_the_superclass() {
        Ad ad = Ad.run("show", "com.example.Tuned#loss", "--cp", user.jar.toString());
        assertEquals(0, ad.exitCode, ad::describe);
        assertTrue(ad.out.contains("Model.loss(double x)"), ad::describe);
    }

    @Test
    void an_overload_is_chosen_by_java_types_or_by_descriptor() {
        Ad byTypes = Ad.run("show", "com.example.Overloads#f(double, double)", "--cp", user.jar.toString());
        assertEquals(0, byTypes.exitCode, byTypes::describe);
        assertTrue(byTypes.out.contains("Overloads.f(double x, double y) → double"), byTypes::describe);
        Ad byDescriptor = Ad.run("show", "com.example.Overloads#f([D)D", "--cp", user.jar.toString());
        assertEquals(0, byDescriptor.exitCode, byDescriptor::describe);
        assertTrue(byDescriptor.out.contains("Overloads.f(double[] x) → double"), byDescriptor::describe);
        Ad varargsSpelling = Ad.run("show", "com.example.Overloads#f(double...)", "--cp", user.jar.toString());
        assertTrue(varargsSpelling.out.contains("Overloads.f(double[] x) → double"), varargsSpelling::describe);
    }

    @Test
    void an_ambiguous_overload_lists_the_candidates_on_one_line() {
        Ad ad = Ad.run("show", "com.example.Overloads#f", "--cp", user.jar.toString());
        assertEquals(2, ad.exitCode, ad::describe);
        assertEquals(1, ad.errLines().size(), ad::describe);
        assertTrue(ad.err.startsWith("ad: com.example.Overloads#f is ambiguous"), ad::describe);
        for (String c : new String[] {"'com.example.Overloads#f(double)'", "'com.example.Overloads#f(double, double)'",
            "'com.example.Overloads#f(double[])'"}) {
            assertTrue(ad.err.contains(c), ad::describe);
        }
        assertEquals("", ad.out, ad::describe);
    }

    @Test
    void a_package_private_method_shows_too() {
        Ad ad = Ad.run("show", "com.example.Overloads#hidden", "--cp", user.classes.toString());
        assertEquals(0, ad.exitCode, ad::describe);
        assertTrue(ad.out.contains("Math.exp(x)"), ad::describe);
    }

    @Test
    void a_method_the_engine_cannot_transform_exits_three_with_the_reason() {
        Ad ad = Ad.run("show", "java.lang.Object#hashCode");
        assertEquals(3, ad.exitCode, ad::describe);
        assertEquals(1, ad.errLines().size(), ad::describe);
        assertTrue(ad.err.startsWith("ad: cannot differentiate ") && ad.err.contains("native"), ad::describe);
    }
}
