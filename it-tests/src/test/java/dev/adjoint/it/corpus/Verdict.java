package dev.adjoint.it.corpus;

import java.util.List;

import dev.adjoint.internal.engine.Engine;

/**
 * What became of one method of the corpus in one mode.
 *
 * @param method     the method
 * @param mode       reverse (augmented primal and pullback) or tangent (forward mode)
 * @param status     the outcome
 * @param reason     why, for every status but {@link Status#OK}: the engine's reason, the verifier's message, or
 *                   the exception; empty otherwise
 * @param refusals   the constructs at which the generated code refuses at run time, when a value that carries a
 *                   derivative reaches them ({@link Status#REFUSES_AT})
 * @param sizes      bytes of bytecode of the method's generated code: {@code $fwd} and {@code $rev}, or
 *                   {@code $tan}; empty when nothing was generated
 * @param nanos      how long generation and the checks took
 */
public record Verdict(LibraryMethod method, Engine.Mode mode, Status status, String reason, List<String> refusals,
                      int[] sizes, long nanos) {

    /** The outcomes, from best to worst. */
    public enum Status {
        /** Transformed, verified by ASM and by the JVM, every symbolic reference resolves. */
        OK("transformed and verified"),
        /** As {@link #OK}, but the code refuses at some construct when a derivative reaches it. */
        REFUSES_AT("transformed and verified; refuses at a construct if a derivative reaches it"),
        /** The engine declines the method with a reason (a limitation, not a bug). */
        REFUSED("refused by the engine"),
        /** The derivative code exceeds the JVM's 64 KiB limit on a method. */
        TOO_LARGE("derivative code too large for the JVM"),
        /** The library's code names a class of an optional dependency that is not on the class path. */
        MISSING_DEPENDENCY("needs an optional dependency of the library, not on the class path"),
        /** The engine failed with an exception of its own: a bug. */
        CRASH("engine crash"),
        /** ASM's verifier rejects the generated class: a bug. */
        VERIFY_ERROR("rejected by ASM's verifier"),
        /** The JVM rejects the generated class when it is defined: a bug. */
        DEFINE_ERROR("rejected by the JVM"),
        /** A member or class the generated code names cannot be resolved or accessed from it: a bug. */
        LINK_ERROR("does not link");

        public final String description;

        Status(String description) {
            this.description = description;
        }

        /** @return whether this outcome is an engine bug */
        public boolean isBug() {
            return ordinal() >= CRASH.ordinal();
        }
    }
}
