package dev.adjoint.heap;

import static dev.adjoint.testing.Check.finiteDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.subjects.Shapes;

class ConstructorTest {

    @ParameterizedTest
    @ValueSource(doubles = {-0.8, 0.3, 1.7})
    void value_classes_built_inside_the_function(double t) {
        // c = (a + b) t, a = (t, 2t), b = (sin t, 1.5); f = c.a + (3, 4).c
        double cx = (t + Math.sin(t)) * t;
        double cy = (2 * t + 1.5) * t;
        double dcx = (1 + Math.cos(t)) * t + (t + Math.sin(t));
        double dcy = 2 * t + (2 * t + 1.5);
        double expected = dcx * t + cx + dcy * 2 * t + cy * 2 + 3 * dcx + 4 * dcy;
        assertEquals(expected, AD.gradient(Shapes::vectors, t), 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.7})
    void records_with_canonical_and_validating_constructors(double t) {
        // |(3t, 3t^2)| + t^2
        double n = Math.hypot(3 * t, 3 * t * t);
        double expected = (9 * t + 9 * t * t * 2 * t) / n + 2 * t;
        assertEquals(expected, AD.gradient(Shapes::records, t), 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.4, 1.3})
    void constructors_that_compute_final_fields_and_super_arguments(double t) {
        finiteDifference(Shapes::computedFields, t);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.4, 3.0})
    void constructors_that_delegate_with_this(double t) {
        finiteDifference(Shapes::delegatingConstructors, t);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5})
    void a_constructor_that_throws_propagates_its_exception(double t) {
        assertThrows(IllegalArgumentException.class, () -> AD.gradient(x -> new Shapes.Positive(x - 10).value(), t));
    }

    /** A point whose superclass is the JDK's Point2D.Double, reached through a this(...) delegation. */
    static final class Point extends java.awt.geom.Point2D.Double {
        private static final long serialVersionUID = 1L;

        Point(double x) {
            this(x, 2 * x);
        }

        Point(double x, double y) {
            super(x, y);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5})
    void a_chain_that_reaches_a_JDK_constructor_through_this_is_refused_naming_it(double t) {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> new Point(x).getY(), t));
        assertTrue(e.getMessage().contains("superclass java.awt.geom.Point2D$Double belongs to the JDK"),
                e::getMessage);
    }
}
