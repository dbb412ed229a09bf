package dev.adjoint.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;


import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.listing.AdjointListing;

/**
 * Code written with small objects, as people write it: immutable records built in a loop, an object holding a rate
 * that a loop calls, a mutable accumulator, a record of records. The small methods are inlined and the objects kept
 * in locals before differentiating (ir.Inlining, ir.ScalarReplacement); each gradient is checked against central
 * differences, and the listing shows what was done. The same code where the objects escape (returned, stored in an
 * array) keeps its objects and gives the same numbers.
 */
class SmallObjectTest {

    record Vec(double x, double y, double z) {
        Vec plus(Vec o) {
            return new Vec(x + o.x, y + o.y, z + o.z);
        }

        Vec times(double s) {
            return new Vec(x * s, y * s, z * s);
        }

        double dot(Vec o) {
            return x * o.x + y * o.y + z * o.z;
        }
    }

    /** Euler steps of a projectile with drag, every step a few new records; the velocity is carried round the loop. */
    static double flight(double[] p) {
        Vec position = new Vec(0, 0, 1);
        Vec velocity = new Vec(p[0], p[1], p[2]);
        Vec gravity = new Vec(0, 0, -9.81);
        for (int i = 0; i < 200; i++) {
            double speed = Math.sqrt(velocity.dot(velocity));
            Vec acceleration = gravity.plus(velocity.times(-p[3] * speed));
            velocity = velocity.plus(acceleration.times(1e-2));
            position = position.plus(velocity.times(1e-2));
        }
        return position.dot(position);
    }

    private static final Vec GRAVITY = new Vec(0, 0, -9.81);

    /** The flight with gravity a constant record: methods called on it read its fields through their accessors. */
    static double flightUnderConstantGravity(double[] p) {
        Vec position = new Vec(0, 0, 1);
        Vec velocity = new Vec(p[0], p[1], p[2]);
        for (int i = 0; i < 200; i++) {
            double speed = Math.sqrt(velocity.dot(velocity));
            Vec acceleration = GRAVITY.plus(velocity.times(-p[3] * speed));
            velocity = velocity.plus(acceleration.times(1e-2));
            position = position.plus(velocity.times(1e-2));
        }
        return position.dot(position);
    }

    /** A record whose accessor does more than return its field: the field itself is read, never the accessor. */
    record Scaled(double value) {
        public double value() {
            return 2 * value;
        }

        Scaled plus(Scaled o) {
            return new Scaled(value + o.value);
        }
    }

    private static final Scaled ONE = new Scaled(1);

    static double scaledSum(double[] p) {
        Scaled s = new Scaled(p[0]);
        for (int i = 0; i < 5; i++) {
            s = ONE.plus(s);
        }
        return s.value;
    }

    /** The same flight returning the last position itself: the record escapes through the return. */
    static Vec landing(double[] p) {
        Vec position = new Vec(0, 0, 1);
        Vec velocity = new Vec(p[0], p[1], p[2]);
        for (int i = 0; i < 50; i++) {
            velocity = velocity.plus(new Vec(0, 0, -9.81 - p[3] * velocity.z()).times(1e-2));
            position = position.plus(velocity.times(1e-2));
        }
        return position;
    }

    static double landingDistance(double[] p) {
        Vec at = landing(p);
        return at.dot(at);
    }

    /** A rate held by an object, applied by an instance call in a loop. */
    static final class Decay {
        private final double rate;

        Decay(double rate) {
            this.rate = rate;
        }

        double apply(double s) {
            return s * rate + 1e-3;
        }
    }

    static double decay(double[] p) {
        Decay d = new Decay(p[0]);
        double s = 0.5;
        for (int i = 0; i < 1000; i++) {
            s = d.apply(s);
        }
        return s;
    }

    /** A mutable accumulator, not final, whose field the loop writes. */
    static final class Sum {
        double total;

        void add(double v) {
            total += v;
        }
    }

    static double sumOfSquares(double[] x) {
        Sum s = new Sum();
        for (double v : x) {
            s.add(v * v);
        }
        return s.total;
    }

    /** A record holding records, as a ray holds its origin and direction. */
    record Ray(Vec origin, Vec direction) {
        Vec at(double t) {
            return origin.plus(direction.times(t));
        }
    }

    static double rays(double[] p) {
        Vec eye = new Vec(p[0], p[1], p[2]);
        double total = 0;
        for (int k = 0; k < 10; k++) {
            Ray r = new Ray(eye, new Vec(k, 1, p[3]));
            Vec hit = r.at(0.5 + 0.1 * k);
            total += hit.dot(hit);
        }
        return total;
    }

    /** A sphere whose hit test returns early: an inlined body with branches, called with a sum on the stack. */
    record Sphere(Vec centre, double radius) {
        double hit(Ray ray) {
            Vec toOrigin = ray.origin().plus(centre.times(-1));
            double b = toOrigin.dot(ray.direction());
            double c = toOrigin.dot(toOrigin) - radius * radius;
            double discriminant = b * b - c;
            if (discriminant < 0) {
                return 0;
            }
            double t = -b - Math.sqrt(discriminant);
            return t > 0 ? t : 0;
        }
    }

    static double hits(double[] p) {
        Sphere s = new Sphere(new Vec(p[0], p[1], p[2]), p[3]);
        Vec eye = new Vec(0, 0, 0);
        double total = 0;
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                Vec target = new Vec((column + 0.5) / 8 - 0.5, (row + 0.5) / 8 - 0.5, 1);
                Vec direction = target.times(1 / Math.sqrt(target.dot(target)));
                total += s.hit(new Ray(eye, direction));
            }
        }
        return total;
    }

    /** Objects stored in an array escape: they stay objects. */
    static double stored(double[] p) {
        Vec[] vs = new Vec[3];
        for (int k = 0; k < 3; k++) {
            vs[k] = new Vec(p[k], p[k] * p[3], 1).times(p[3]);
        }
        return vs[0].dot(vs[1]) + vs[2].dot(vs[2]);
    }

    private static final double[] P = {3.0, 0.5, 4.0, 0.12};

    @Test
    void a_projectile_on_records_differentiates_as_its_central_differences() {
        check(SmallObjectTest::flight, P);
    }

    @Test
    void a_projectile_under_a_constant_record_differentiates_as_its_central_differences_and_keeps_its_records_in_locals()
            throws Exception {
        check(SmallObjectTest::flightUnderConstantGravity, P);
        String listing = listing("flightUnderConstantGravity", "([D)D");
        assertTrue(listing.contains("kept in locals: "), listing);
        assertTrue(!listing.contains("NEW dev/adjoint/inline/SmallObjectTest$Vec"), listing);
    }

    @Test
    void a_record_whose_accessor_computes_is_read_through_its_field() {
        // s = 1 + 1 + 1 + 1 + 1 + p0: ds/dp0 = 1, whatever value() computes
        assertEquals(1.0, AD.gradient(SmallObjectTest::scaledSum, new double[] {0.5})[0], 0);
        assertEquals(5.5, scaledSum(new double[] {0.5}), 0);
    }

    @Test
    void records_that_escape_through_a_return_give_the_same_gradient_as_their_central_differences() {
        check(SmallObjectTest::landingDistance, P);
    }

    @Test
    void an_instance_call_on_an_object_holding_a_rate_differentiates_with_respect_to_the_rate() {
        double r = 0.9;
        double g = AD.gradient(SmallObjectTest::decay, new double[] {r})[0];
        // s_n = r s_{n-1} + c; ds_n/dr = s_{n-1} + r ds_{n-1}/dr
        double s = 0.5;
        double ds = 0;
        for (int i = 0; i < 1000; i++) {
            ds = s + r * ds;
            s = s * r + 1e-3;
        }
        assertEquals(ds, g, 1e-12 * Math.abs(ds));
    }

    @Test
    void a_mutable_accumulator_gives_twice_the_input() {
        double[] x = {1.5, -2.0, 0.25};
        double[] g = AD.gradient(SmallObjectTest::sumOfSquares, x);
        for (int k = 0; k < x.length; k++) {
            assertEquals(2 * x[k], g[k], 1e-15);
        }
    }

    @Test
    void a_record_of_records_differentiates_as_its_central_differences() {
        check(SmallObjectTest::rays, P);
    }

    @Test
    void a_branching_hit_test_inlined_under_a_running_sum_differentiates_as_its_central_differences() {
        check(SmallObjectTest::hits, new double[] {0.1, -0.2, 3.0, 1.2});
    }

    @Test
    void records_stored_in_an_array_differentiate_as_their_central_differences() {
        check(SmallObjectTest::stored, P);
    }

    @Test
    void the_listing_says_which_calls_were_inlined_and_which_objects_were_kept_in_locals() throws Exception {
        String listing = listing("flight", "([D)D");
        assertTrue(listing.contains("before differentiating: inlined dev/adjoint/inline/SmallObjectTest$Vec.plus"),
                listing);
        assertTrue(listing.contains("before differentiating: kept in locals: "), listing);
        assertTrue(!listing.contains("NEW dev/adjoint/inline/SmallObjectTest$Vec"), listing);
    }

    @Test
    void an_object_that_escapes_is_not_kept_in_locals() throws Exception {
        String listing = listing("landing", "([D)Ldev/adjoint/inline/SmallObjectTest$Vec;");
        // the positions flow into the return, so their allocations stay (the velocities' temporaries may not)
        assertTrue(listing.contains("NEW dev/adjoint/inline/SmallObjectTest$Vec"), listing);
    }

    private static String listing(String name, String desc) throws Exception {
        ClassHierarchy hierarchy = new ClassHierarchy(ClassHierarchy.ClassBytes.of(SmallObjectTest.class.getClassLoader()));
        byte[] bytes;
        try (InputStream in = SmallObjectTest.class.getResourceAsStream("SmallObjectTest.class")) {
            bytes = in.readAllBytes();
        }
        Companion c = Engine.standard(true).generate(bytes, name, desc, hierarchy, Engine.Mode.REVERSE);
        // `ad show` prints the same decisions as the engine's own listing
        String shown = AdjointListing.of(c, Engine.Mode.REVERSE);
        for (String line : c.listing().split("\n")) {
            if (line.contains("before differentiating: ")) {
                assertTrue(shown.contains(line.trim()), shown);
            }
        }
        return c.listing();
    }

    private static void check(MultivariateFunction f, double[] x) {
        double[] g = AD.gradient(f, x);
        for (int k = 0; k < x.length; k++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[k]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[k] += h;
            down[k] -= h;
            double fd = (f.apply(up) - f.apply(down)) / (2 * h);
            assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "component " + k);
        }
    }
}
