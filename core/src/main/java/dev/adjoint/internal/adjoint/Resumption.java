package dev.adjoint.internal.adjoint;

import java.util.List;

/**
 * Where an unwinding pullback enters for an exception that left at {@code thrower}: the counts of the counted
 * loops it stood in are set ({@code countFixes}), a call whose callee recorded where the exception left it is
 * reversed by the callee's pullback ({@code call}, else null), then the pullback continues before the thrower.
 */
public record Resumption(int thrower, List<CountFix> countFixes, Statement.CallSite call) {

    /**
     * The count of loop {@code loop} on resuming: {@code derived} from its index; otherwise one less, since the
     * latch counted the iteration the exception cut short.
     */
    public record CountFix(int loop, boolean derived) {
    }
}
