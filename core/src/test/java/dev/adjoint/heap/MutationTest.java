package dev.adjoint.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.subjects.Mutation;
import dev.adjoint.testing.Oracle;

class MutationTest {

    private static void agreesWithCentralDifferences(MultivariateFunction f, double[] x) {
        double[] before = x.clone();
        double[] g = AD.gradient(f, x);
        assertArrayEquals(before, x, 0.0, "AD.gradient never modifies its input");
        assertArrayEquals(Oracle.centralGradient(v -> f.apply(v.clone()), x), g, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inPlace", "aliasing", "allocatedInside", "passedAndReturned", "jdkArrays",
        "collections", "objects"})
    void mutation_of_arrays_and_objects_agrees_with_central_differences(String name) {
        MultivariateFunction f;
        switch (name) {
            case "inPlace": f = Mutation::inPlace; break;
            case "aliasing": f = Mutation::aliasing; break;
            case "allocatedInside": f = Mutation::allocatedInside; break;
            case "passedAndReturned": f = Mutation::passedAndReturned; break;
            case "jdkArrays": f = Mutation::jdkArrays; break;
            case "collections": f = Mutation::collections; break;
            default: f = Mutation::objects; break;
        }
        agreesWithCentralDifferences(f, new double[] {0.7, -1.3, 2.1, 0.4});
        agreesWithCentralDifferences(f, new double[] {1.9, 0.2, -0.6, 3.3});
    }

    @org.junit.jupiter.api.Test
    void float_arrays_are_copied_sorted_and_read_with_their_derivatives() {
        // 2 min(x) + x1^2, in float precision; central differences are noise at float resolution
        double[] x = {0.7, -1.3, 2.1, 0.4};
        double[] g = AD.gradient(Mutation::floatArrays, x);
        assertArrayEquals(new double[] {0, 2 + 2 * (float) -1.3, 0, 0}, g, 1e-6);
    }
}
