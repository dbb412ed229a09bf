package dev.adjoint.fuzz;

import java.util.List;

/**
 * A generated function of five inputs: its statements, and the Java source of a class that implements
 * {@link dev.adjoint.MultivariateFunction} with them.
 */
final class Program {

    private final List<String> statements;

    Program(List<String> statements) {
        this.statements = List.copyOf(statements);
    }

    List<String> statements() {
        return statements;
    }

    int size() {
        return statements.size();
    }

    /** The source of a public class of this name, in the unnamed package. */
    String source(String className) {
        StringBuilder s = new StringBuilder();
        s.append("import java.util.ArrayList;\n");
        s.append("import java.util.Arrays;\n");
        s.append("import java.util.HashMap;\n\n");
        s.append("public final class ").append(className).append(" implements dev.adjoint.MultivariateFunction {\n\n");
        s.append("    static final class Cell {\n");
        s.append("        double v;\n");
        s.append("        double[] w;\n");
        s.append("        Cell next;\n\n");
        s.append("        Cell(double v, double[] w) {\n");
        s.append("            this.v = v;\n");
        s.append("            this.w = w;\n");
        s.append("        }\n");
        s.append("    }\n\n");
        s.append("    interface Op {\n");
        s.append("        double at(double v);\n");
        s.append("    }\n\n");
        s.append("    static final class Square implements Op {\n");
        s.append("        @Override\n");
        s.append("        public double at(double v) {\n");
        s.append("            return v * v;\n");
        s.append("        }\n");
        s.append("    }\n\n");
        s.append("    static final class Wave implements Op {\n");
        s.append("        @Override\n");
        s.append("        public double at(double v) {\n");
        s.append("            return Math.sin(3 * v);\n");
        s.append("        }\n");
        s.append("    }\n\n");
        s.append("    record Pair(double a, double b) {\n");
        s.append("    }\n\n");
        s.append("    static final class H {\n");
        s.append("        static double tmp;\n\n");
        s.append("        static double ratio(double v) {\n");
        s.append("            return v / (1 + v * v);\n");
        s.append("        }\n\n");
        s.append("        static double dot(double[] a, double[] b) {\n");
        s.append("            double sum = 0;\n");
        s.append("            for (int i = 0; i < a.length; i++) {\n");
        s.append("                sum += a[i] * b[i];\n");
        s.append("            }\n");
        s.append("            return sum;\n");
        s.append("        }\n\n");
        s.append("        static void scale(double[] a, double k) {\n");
        s.append("            for (int i = 0; i < a.length; i++) {\n");
        s.append("                a[i] *= k;\n");
        s.append("            }\n");
        s.append("        }\n\n");
        s.append("        static double[] twice(double[] a) {\n");
        s.append("            double[] r = new double[a.length];\n");
        s.append("            for (int i = 0; i < a.length; i++) {\n");
        s.append("                r[i] = 2 * Math.sin(a[i]);\n");
        s.append("            }\n");
        s.append("            return r;\n");
        s.append("        }\n\n");
        s.append("        static double risky(double[] a, int i, double v) {\n");
        s.append("            a[i] = v;\n");
        s.append("            if (v > 0.3) {\n");
        s.append("                throw new ArithmeticException(\"too large\");\n");
        s.append("            }\n");
        s.append("            return 2 * v;\n");
        s.append("        }\n\n");
        s.append("        static double fromBits(long bits) {\n");
        s.append("            return Double.longBitsToDouble(bits);\n");
        s.append("        }\n\n");
        s.append("        static double recur(double v, int n) {\n");
        s.append("            return n == 0 ? v : Math.sin(recur(v, n - 1)) + 0.1 * v;\n");
        s.append("        }\n");
        s.append("    }\n\n");
        s.append("    @Override\n");
        s.append("    public double apply(double[] x) {\n");
        s.append("        double s0 = x[0];\n");
        s.append("        double s1 = x[1] * x[2];\n");
        s.append("        double s2 = 0.5;\n");
        s.append("        double[] a0 = x.clone();\n");
        s.append("        double[] a1 = new double[").append(Programs.N).append("];\n");
        s.append("        double[] a2 = a0;\n");
        s.append("        double[][] m = {a0, a1};\n");
        s.append("        Cell c = new Cell(x[3], a1);\n");
        s.append("        ArrayList<Double> list = new ArrayList<>();\n");
        s.append("        list.add(x[4]);\n");
        s.append("        HashMap<Integer, Double> map = new HashMap<>();\n");
        s.append("        Object[] boxes = {a2, x};\n");
        for (String statement : statements) {
            s.append("        ").append(statement).append('\n');
        }
        s.append("        double r = s0 + s1 + s2 + c.v;\n");
        s.append("        for (int i = 0; i < ").append(Programs.N).append("; i++) {\n");
        s.append("            r += a0[i] + 0.5 * a1[i] + 0.25 * a2[i] + 0.125 * x[i] + 0.0625 * m[1][i]"
                + " + 0.03125 * c.w[i] + 0.015625 * ((double[]) boxes[0])[i];\n");
        s.append("        }\n");
        s.append("        for (double v : list) {\n");
        s.append("            r += 0.1 * v;\n");
        s.append("        }\n");
        s.append("        for (double v : map.values()) {\n");
        s.append("            r += 0.2 * v;\n");
        s.append("        }\n");
        s.append("        return r;\n");
        s.append("    }\n");
        s.append("}\n");
        return s.toString();
    }

    @Override
    public String toString() {
        return String.join("\n", statements);
    }
}
