package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets one clear line on standard error and exit code 2; nothing on standard output. */
class ErrorsTest {

    @TempDir
    static Path dir;
    static UserCode user;

    @BeforeAll
    static void compile() throws IOException {
        user = UserCode.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "check"})
    void a_missing_file_in_cp_is_named(String command) {
        Path missing = dir.resolve("no-such.jar");
        Ad ad = usageError(command, "com.example.Model#loss", "--cp", user.jar + java.io.File.pathSeparator + missing);
        assertEquals("ad: no such file or directory in --cp: " + missing, ad.err.strip(), ad::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "check"})
    void a_corrupt_jar_is_named(String command) throws IOException {
        Path corrupt = UserCode.corruptJar(dir);
        Ad ad = usageError(command, "com.example.Model#loss", "--cp", corrupt.toString());
        assertTrue(ad.err.startsWith("ad: not a jar file, or a corrupt one: " + corrupt), ad::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "check"})
    void an_unknown_class_says_where_it_was_looked_for(String command) {
        Ad ad = usageError(command, "com.example.Nope#f", "--cp", user.jar.toString());
        assertEquals("ad: class com.example.Nope not found in --cp " + user.jar + " nor on Adjoint's class path",
                ad.err.strip(), ad::describe);
        Ad noCp = usageError(command, "com.example.Nope#f");
        assertTrue(noCp.err.contains("not found on Adjoint's class path (give the jars or directories of your "
                + "classes with --cp)"), noCp::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "check"})
    void an_unknown_method_lists_the_methods_of_the_class(String command) {
        Ad ad = usageError(command, "com.example.Overloads#nope", "--cp", user.jar.toString());
        assertEquals("ad: no method nope in com.example.Overloads; its methods: f(double), f(double, double), "
                + "f(double[]), hidden(double), g(String, double)", ad.err.strip(), ad::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "check"})
    void parameter_types_that_match_no_overload_list_the_overloads(String command) {
        Ad ad = usageError(command, "com.example.Overloads#f(int)", "--cp", user.jar.toString());
        assertTrue(ad.err.startsWith("ad: no method f(int) in com.example.Overloads; there is "
                + "'com.example.Overloads#f(double)'"), ad::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TaylorSine", "TaylorSine#", "#sine", "a b#c", "TaylorSine#sine(double"})
    void a_method_not_written_class_hash_method_shows_an_example(String spec) {
        Ad ad = usageError("show", spec);
        assertTrue(ad.err.startsWith("ad: '" + spec + "' "), ad::describe);
    }

    @Test
    void a_missing_argument_says_which_and_where_the_help_is() {
        Ad ad = usageError("show");
        assertEquals("ad: Missing required parameter: 'CLASS#METHOD' (see 'ad show --help')", ad.err.strip(),
                ad::describe);
    }

    @Test
    void an_unknown_option_suggests_the_near_one() {
        Ad ad = usageError("check", "dev.adjoint.examples.sine.TaylorSine#sine", "--at", "1", "--tolerence", "1e-3");
        assertTrue(ad.err.startsWith("ad: Unknown options: '--tolerence', '1e-3'; did you mean --tolerance?"),
                ad::describe);
    }

    @Test
    void an_unknown_mode_lists_the_modes() {
        Ad ad = usageError("show", "dev.adjoint.examples.sine.TaylorSine#sine", "--mode", "sideways");
        assertTrue(ad.err.contains("reverse, forward"), ad::describe);
    }

    @Test
    void an_unknown_command_suggests_the_near_one() {
        Ad ad = usageError("shwo");
        assertTrue(ad.err.contains("did you mean show?"), ad::describe);
    }

    @Test
    void ad_without_a_command_prints_its_usage_and_exits_two() {
        Ad ad = Ad.run();
        assertEquals(2, ad.exitCode, ad::describe);
        assertTrue(ad.err.startsWith("Usage: ad "), ad::describe);
    }

    @Test
    void verbose_adds_the_stack_trace() {
        Ad ad = Ad.run("show", "com.example.Nope#f", "--verbose");
        assertEquals(2, ad.exitCode, ad::describe);
        assertTrue(ad.errLines().size() > 3 && ad.err.contains("at dev.adjoint.cli."), ad::describe);
    }

    /**
     * Runs a command that must fail with a usage error: exit 2, one line on standard error, no output. A check gets
     * a point when it has none, so that the error is the one the test is about.
     */
    static Ad usageError(String... args) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of(args));
        if (!a.isEmpty() && a.get(0).equals("check") && !a.contains("--at") && a.size() > 1) {
            a.add("--at");
            a.add("1");
        }
        Ad ad = Ad.run(a.toArray(new String[0]));
        assertEquals(2, ad.exitCode, ad::describe);
        assertEquals(1, ad.errLines().size(), ad::describe);
        assertTrue(ad.err.startsWith("ad: "), ad::describe);
        assertEquals("", ad.out, ad::describe);
        return ad;
    }
}
