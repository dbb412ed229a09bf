package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.adjoint.testing.Check.finiteDifference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.AD;
import dev.adjoint.subjects.Calls;
import dev.adjoint.subjects.Inherited;

class CallsTest {

    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0.5, 2.0})
    void static_and_private_calls(double x) {
        // x^2 + x^6 * x/2
        analytic(Calls::staticCalls, x, 2 * x + 3.5 * Math.pow(x, 6), 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.5, 0.5, 2.0})
    void several_floating_arguments_get_their_own_adjoints(double x) {
        // 2 * x * 3x + x + 7 * 1.5 * x + 1.5
        analytic(Calls::twoArguments, x, 12 * x + 1 + 10.5, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2.0})
    void float_and_long_parameters(double x) {
        float f = (float) x;
        analytic(Calls::floatArguments, x, (double) f + x + 6.0 * f, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.1, 2.4})
    void virtual_calls_dispatch_on_six_receiver_classes(double x) {
        finiteDifference(Calls::virtualDispatch, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.1, 2.4})
    void a_virtual_call_site_dispatches_right_before_and_after_it_guards_its_receivers(double x) {
        // Square(2) 200 times, the other five 50 times each: 4x^2, pi x^2, 9x^2 cos x + 3 sin x, x^2/2, 3x^2, x
        double tilted = 18 * x * Math.cos(x) - 9 * x * x * Math.sin(x) + 3 * Math.cos(x);
        double expected = 200 * 8 * x + 50 * (2 * Math.PI * x + tilted + x + 6 * x + 1);
        analytic(Calls::manyDispatches, x, expected, 1e-13);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.1})
    void default_methods_and_super_calls(double x) {
        finiteDifference(Calls::defaultMethods, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.7, 1.2})
    void interface_static_methods(double x) {
        analytic(Calls::interfaceStatic, x, 3 * x * x + 1, 1e-14);
    }

    @Test
    void recursion_two_thousand_frames_deep() {
        double x = 0.8;
        // deep(x, n) = sin(deep(x, n-1))/2 + x/2, differentiated by the recurrence itself
        double value = x;
        double derivative = 1;
        for (int n = 1; n <= 2000; n++) {
            derivative = 0.5 * Math.cos(value) * derivative + 0.5;
            value = Math.sin(value) * 0.5 + 0.5 * x;
        }
        analytic(Calls::recursion, x, 5 * Math.pow(x, 4) + derivative, 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.9})
    void mutual_recursion(double x) {
        finiteDifference(Calls::mutualRecursion, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.9})
    void void_and_int_returning_calls(double x) {
        analytic(Calls::voidCallAndIntCall, x, (int) Math.floor(x * 2), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.9})
    void instance_methods_on_objects_made_inside(double x) {
        finiteDifference(Calls::instanceOnThis, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.4, 1.3})
    void calls_across_classes(double x) {
        finiteDifference(Calls::acrossClasses, x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.7, 1.2})
    void protected_members_inherited_from_another_package(double x) {
        // x * x * 2 + x * x + 2 x^2
        analytic(Inherited::protectedMembers, x, 10 * x, 1e-14);
        assertEquals(10 * x, AD.derivative(Inherited::protectedMembers, x), 1e-14);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.7, 1.2})
    void super_calls_of_JDK_methods(double x) {
        analytic(Inherited::superCall, x, 3 * x * x, 1e-14);
        assertEquals(3 * x * x, AD.derivative(Inherited::superCall, x), 1e-14);
    }
}
