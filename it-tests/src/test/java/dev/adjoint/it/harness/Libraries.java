package dev.adjoint.it.harness;

import java.nio.file.Path;

/**
 * The third-party libraries the integration tests differentiate, as published on Maven Central (versions pinned in
 * the parent pom), never shaded or changed: the jars of {@link Project#dependency}, grouped per library.
 */
public final class Libraries {

    private Libraries() {
    }

    /** @return {@code commons-math3-3.6.1.jar} */
    public static Path[] commonsMath() {
        return new Path[] {Project.dependency("commons.math")};
    }

    /** @return {@code ejml-ddense-0.46.1.jar} and {@code ejml-core-0.46.1.jar}, on which it depends */
    public static Path[] ejml() {
        return new Path[] {Project.dependency("ejml.ddense"), Project.dependency("ejml.core")};
    }

    /**
     * @return the jars of Hipparchus 4.0.2: {@code hipparchus-core}, {@code -ode}, {@code -stat}, {@code -geometry},
     *         {@code -optim} and {@code -fitting}
     */
    public static Path[] hipparchus() {
        return new Path[] {Project.dependency("hipparchus.core"), Project.dependency("hipparchus.ode"),
            Project.dependency("hipparchus.stat"), Project.dependency("hipparchus.geometry"),
            Project.dependency("hipparchus.optim"), Project.dependency("hipparchus.fitting")};
    }
}
