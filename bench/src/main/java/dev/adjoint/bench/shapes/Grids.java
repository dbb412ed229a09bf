package dev.adjoint.bench.shapes;

/**
 * Arrays of arrays as numerical code uses them: a product of two square matrices held in rows, whose inner loop
 * walks a column of the second across its rows, and explicit steps of the heat equation on a grid, the new values
 * written into a second grid that is swapped with the first after every step.
 */
public final class Grids {

    /** Rows and columns of the matrices. */
    public static final int N = 24;
    /** Points per side of the grid. */
    public static final int SIDE = 32;
    /** Steps of the heat equation. */
    public static final int STEPS = 20;

    private Grids() {
    }

    /** @return N² + N² parameters: the entries of A, then of B, row by row */
    public static double[] matrices() {
        double[] p = new double[2 * N * N];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.sin(0.37 * k) / N;
        }
        return p;
    }

    /**
     * @param p the entries of A and B, row by row
     * @return Σ_ij (AB)_ij², with AB computed as a triple loop over rows
     */
    public static double productNorm(double[] p) {
        double[][] a = new double[N][N];
        double[][] b = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                a[i][j] = p[i * N + j];
                b[i][j] = p[N * N + i * N + j];
            }
        }
        double[][] c = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double sum = 0;
                for (int k = 0; k < N; k++) {
                    sum += a[i][k] * b[k][j];
                }
                c[i][j] = sum;
            }
        }
        double norm = 0;
        for (double[] row : c) {
            for (double e : row) {
                norm += e * e;
            }
        }
        return norm;
    }

    /** @return the initial temperatures of the grid, row by row */
    public static double[] temperatures() {
        double[] p = new double[SIDE * SIDE];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.cos(0.11 * k);
        }
        return p;
    }

    /**
     * @param p the initial temperatures, row by row, the border held fixed
     * @return Σ u² after {@link #STEPS} explicit steps with diffusion number 0.2
     */
    public static double heat(double[] p) {
        double[][] u = new double[SIDE][SIDE];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                u[i][j] = p[i * SIDE + j];
            }
        }
        double[][] next = new double[SIDE][];
        for (int i = 0; i < SIDE; i++) {
            next[i] = u[i].clone();
        }
        for (int t = 0; t < STEPS; t++) {
            for (int i = 1; i < SIDE - 1; i++) {
                for (int j = 1; j < SIDE - 1; j++) {
                    next[i][j] = u[i][j] + 0.2 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1] - 4 * u[i][j]);
                }
            }
            double[][] swap = u;
            u = next;
            next = swap;
        }
        double energy = 0;
        for (double[] row : u) {
            for (double e : row) {
                energy += e * e;
            }
        }
        return energy;
    }
}
