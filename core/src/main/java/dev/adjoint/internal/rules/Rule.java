package dev.adjoint.internal.rules;

import java.util.Arrays;

/**
 * How to differentiate a call instead of entering its code: for each argument, its partial derivative, either a
 * constant or a static method that takes the call's arguments and result.
 */
public final class Rule {

    /** The partial derivative with respect to one argument. */
    public static final class Partial {
        private final Double constant;
        private final String owner;
        private final String name;
        private final String descriptor;

        private Partial(Double constant, String owner, String name, String descriptor) {
            this.constant = constant;
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        /** @return a partial that is always {@code value} */
        public static Partial constant(double value) {
            return new Partial(value, null, null, null);
        }

        /** @return a partial computed by the static method {@code owner.name descriptor} */
        public static Partial method(String owner, String name, String descriptor) {
            return new Partial(null, owner, name, descriptor);
        }

        /** @return whether the partial does not depend on the arguments */
        public boolean isConstant() {
            return constant != null;
        }

        public double constantValue() {
            return constant;
        }

        public String owner() {
            return owner;
        }

        public String name() {
            return name;
        }

        public String descriptor() {
            return descriptor;
        }

        @Override
        public String toString() {
            return isConstant() ? String.valueOf(constant) : owner.replace('/', '.') + "." + name;
        }
    }

    private final String owner;
    private final String name;
    private final String descriptor;
    private final Partial[] partials;

    Rule(String owner, String name, String descriptor, Partial[] partials) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.partials = partials;
    }

    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public String descriptor() {
        return descriptor;
    }

    /**
     * @param argument the position of an argument
     * @return its partial, or {@code null} when the argument is not a {@code double} or {@code float}
     */
    public Partial partial(int argument) {
        return partials[argument];
    }

    @Override
    public String toString() {
        return owner.replace('/', '.') + "." + name + descriptor + " " + Arrays.toString(partials);
    }
}
