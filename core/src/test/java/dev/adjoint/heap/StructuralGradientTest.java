package dev.adjoint.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

class StructuralGradientTest {

    static final class Dense {
        final double[] w;
        double b;
        final String name;

        Dense(double[] w, double b, String name) {
            this.w = w;
            this.b = b;
            this.name = name;
        }

        double apply(double[] x) {
            double s = b;
            for (int i = 0; i < w.length; i++) {
                s += w[i] * x[i];
            }
            return Math.tanh(s);
        }
    }

    static final class Net {
        final Dense first;
        final Dense second;
        final int width = 2;
        float scale = 0.5f;

        Net(Dense first, Dense second) {
            this.first = first;
            this.second = second;
        }

        double loss(double[] x, double target) {
            double h = first.apply(x);
            double y = second.apply(new double[] {h, h * h}) * scale;
            return (y - target) * (y - target);
        }
    }

    record Point(double x, double y, int id) {
        double norm2() {
            return x * x + y * y;
        }
    }

    static final class Pair {
        Point p;
        double[][] grid;
        List<Dense> layers = new ArrayList<>();
    }

    @Test
    void the_gradient_of_a_network_is_shaped_like_the_network() {
        Net net = new Net(new Dense(new double[] {0.3, -0.2}, 0.1, "first"),
                new Dense(new double[] {0.5, 0.25}, -0.3, "second"));
        double[] x = {1.5, -0.5};
        double target = 0.2;
        Net g = AD.gradient(net, n -> n.loss(x, target));

        // oracle: central differences on each parameter
        double h = 1e-6;
        double[] fw = net.first.w;
        for (int i = 0; i < fw.length; i++) {
            double keep = fw[i];
            fw[i] = keep + h;
            double up = net.loss(x, target);
            fw[i] = keep - h;
            double down = net.loss(x, target);
            fw[i] = keep;
            assertEquals((up - down) / (2 * h), g.first.w[i], 1e-7);
        }
        double keep = net.second.b;
        net.second.b = keep + h;
        double up = net.loss(x, target);
        net.second.b = keep - h;
        double down = net.loss(x, target);
        net.second.b = keep;
        assertEquals((up - down) / (2 * h), g.second.b, 1e-7);
        float s = net.scale;
        double y = net.second.apply(new double[] {net.first.apply(x), Math.pow(net.first.apply(x), 2)});
        assertEquals(2 * (y * s - target) * y, g.scale, 1e-6);

        // inactive fields keep the model's values; the gradient is a different object
        assertEquals("first", g.first.name);
        assertEquals(2, g.width);
        assertNotSame(net.first, g.first);
        assertNotSame(net.first.w, g.first.w);
    }

    @Test
    void records_nested_arrays_lists_and_shared_references() {
        Pair pair = new Pair();
        pair.p = new Point(3, 4, 7);
        pair.grid = new double[][] {{1, 2}, {3, 4}};
        Dense shared = new Dense(new double[] {1, 1}, 0, "shared");
        pair.layers.add(shared);
        pair.layers.add(shared);
        Pair g = AD.gradient(pair, q -> {
            double s = q.p.norm2();
            s += q.grid[0][1] * q.grid[1][0];
            for (Dense d : q.layers) {
                s += d.w[0] * 2;
            }
            return s;
        });
        assertEquals(6, g.p.x(), 0);
        assertEquals(8, g.p.y(), 0);
        assertEquals(7, g.p.id());
        assertArrayEquals(new double[] {0, 3}, g.grid[0], 0);
        assertArrayEquals(new double[] {2, 0}, g.grid[1], 0);
        assertSame(g.layers.get(0), g.layers.get(1), "shared in the model, shared in the gradient");
        assertArrayEquals(new double[] {4, 0}, g.layers.get(0).w, 0);
    }
}
