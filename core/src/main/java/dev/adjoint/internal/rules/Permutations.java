package dev.adjoint.internal.rules;

/** The stable sorting permutation of integer keys: integer code, which never carries a derivative. */
final class Permutations {

    private Permutations() {
    }

    /** @return {@code order} such that {@code keys[order[0]] <= keys[order[1]] <= ...}, ties in input order */
    static int[] sorting(long[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        int[] scratch = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    scratch[k++] = keys[order[j]] < keys[order[i]] ? order[j++] : order[i++];
                }
                while (i < mid) {
                    scratch[k++] = order[i++];
                }
                while (j < hi) {
                    scratch[k++] = order[j++];
                }
                System.arraycopy(scratch, lo, order, lo, hi - lo);
            }
        }
        return order;
    }
}
