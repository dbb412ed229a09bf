package dev.adjoint.rules;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Partial;
import dev.adjoint.Substitute;
import dev.adjoint.subjects.BlackBoxes;

/** A user's rules for {@link BlackBoxes}. */
@DerivativeRules(BlackBoxes.class)
public final class BlackBoxRules {

    private BlackBoxRules() {
    }

    /** d/dx x^(-1/2) = -x^(-3/2) / 2 = -y³ / 2, with y the result. */
    @Partial("fastInverseSqrt")
    public static double fastInverseSqrt(float x, float y) {
        return -0.5 * y * y * y;
    }

    @Substitute("streamDot")
    public static double streamDot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
