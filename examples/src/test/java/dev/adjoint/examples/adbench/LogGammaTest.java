package dev.adjoint.examples.adbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogGammaTest {

    @Test
    void log_gamma_of_integers_is_log_factorial() {
        double factorial = 1;
        for (int n = 1; n <= 20; n++) {
            assertEquals(Math.log(factorial), LogGamma.of(n), 1e-13 * Math.max(1, Math.log(factorial)), "n=" + n);
            factorial *= n;
        }
    }

    @Test
    void log_gamma_of_half_integers_follows_from_gamma_of_one_half() {
        // Γ(1/2) = √π and Γ(x + 1) = x Γ(x)
        double gamma = Math.sqrt(Math.PI);
        for (double x = 0.5; x < 15; x++) {
            assertEquals(Math.log(gamma), LogGamma.of(x), 1e-13 * Math.max(1, Math.abs(Math.log(gamma))), "x=" + x);
            gamma *= x;
        }
    }

    @Test
    void log_gamma_below_one_half_uses_the_reflection_formula() {
        // Γ(−1/2) = −2√π
        assertEquals(Math.log(2 * Math.sqrt(Math.PI)), LogGamma.of(-0.5), 1e-14);
        // Γ(1/4) = 3.625609908221908...
        assertEquals(Math.log(3.6256099082219083119), LogGamma.of(0.25), 1e-14);
    }

    @Test
    void multivariate_log_gamma_of_dimension_one_is_log_gamma() {
        assertEquals(LogGamma.of(3.7), LogGamma.multivariate(3.7, 1), 0.0);
    }

    @Test
    void multivariate_log_gamma_of_dimension_two_has_its_closed_form() {
        // Γ₂(a) = √π Γ(a) Γ(a − 1/2)
        double a = 2.5;
        assertEquals(0.5 * Math.log(Math.PI) + LogGamma.of(a) + LogGamma.of(a - 0.5), LogGamma.multivariate(a, 2),
                1e-14);
        assertEquals(Math.log(Math.sqrt(Math.PI) * 1.5 * 0.5 * Math.sqrt(Math.PI) * 1), LogGamma.multivariate(a, 2),
                1e-14);
    }
}
