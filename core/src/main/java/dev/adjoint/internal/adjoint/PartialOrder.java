package dev.adjoint.internal.adjoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which the augmented primal pushes the partials of a tree some of which may be recomputed (see
 * {@code DerivativePlan.remat}), and so the reverse order in which the pullback pops them: the always-taped
 * partials first, then the recomputable ones in groups that read the same arrays.
 */
public final class PartialOrder {

    private PartialOrder() {
    }

    /** The recomputable partials of a tree grouped by the arrays they read, each group in partial order. */
    public static List<int[]> groups(int[][] remat) {
        List<int[]> groups = new ArrayList<>();
        boolean[] done = new boolean[remat.length];
        for (int k = 0; k < remat.length; k++) {
            if (remat[k] == null || done[k]) {
                continue;
            }
            List<Integer> g = new ArrayList<>();
            for (int j = k; j < remat.length; j++) {
                if (remat[j] != null && !done[j] && Arrays.equals(remat[j], remat[k])) {
                    g.add(j);
                    done[j] = true;
                }
            }
            groups.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return groups;
    }

    /** The order of a tree's partials: those that are always taped, then the groups of recomputable ones. */
    public static int[] recomputableLast(int[][] remat, List<int[]> groups) {
        int[] order = new int[remat.length];
        int n = 0;
        for (int k = 0; k < remat.length; k++) {
            if (remat[k] == null) {
                order[n++] = k;
            }
        }
        for (int[] g : groups) {
            for (int k : g) {
                order[n++] = k;
            }
        }
        return order;
    }
}
