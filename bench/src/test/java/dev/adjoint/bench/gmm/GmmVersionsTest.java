package dev.adjoint.bench.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.examples.adbench.GmmInput;

/**
 * The benchmark's GMM versions compute the project's objective: the same value to 1e-10 relative and, by Adjoint,
 * the same gradient to 1e-8; the project's gradient is checked against central differences in the examples' tests.
 */
class GmmVersionsTest {

    private static final String[] VERSIONS = {"adbench", "object", "helpers"};

    private static MultivariateFunction version(GmmProblem problem, String name) {
        switch (name) {
            case "adbench":
                return problem.adbench();
            case "object":
                return problem.object();
            default:
                return problem.helpers();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {GmmInput.TEST, GmmInput.D2_K5, GmmInput.D10_K5})
    void every_version_has_the_projects_value_and_gradient(String instance) {
        GmmProblem problem = GmmProblem.load(instance);
        double[] x = problem.parameters();
        double expected = problem.project().apply(x);
        double[] expectedGradient = AD.gradient(problem.project(), x);
        for (String name : VERSIONS) {
            MultivariateFunction f = version(problem, name);
            assertEquals(expected, f.apply(x), 1e-10 * Math.abs(expected), name + " value");
            double[] gradient = AD.gradient(f, x);
            assertEquals(expectedGradient.length, gradient.length, name + " gradient length");
            for (int i = 0; i < gradient.length; i++) {
                double tolerance = 1e-8 * Math.max(1, Math.abs(expectedGradient[i]));
                assertEquals(expectedGradient[i], gradient[i], tolerance, name + " ∂/∂x[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adbench", "object", "helpers"})
    void a_changed_parameter_changes_every_versions_value_as_the_projects(String name) {
        GmmProblem problem = GmmProblem.load(GmmInput.D2_K5);
        double[] x = problem.parameters();
        x[7] += 0.25;
        double expected = problem.project().apply(x);
        assertTrue(Math.abs(expected - problem.project().apply(problem.parameters())) > 1e-6);
        assertEquals(expected, version(problem, name).apply(x), 1e-10 * Math.abs(expected));
    }
}
