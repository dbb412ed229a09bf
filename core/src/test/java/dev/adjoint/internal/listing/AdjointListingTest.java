package dev.adjoint.internal.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.ClassFiles;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.TransformException;
import dev.adjoint.reverse.TaylorSine;
import dev.adjoint.subjects.Control;

class AdjointListingTest {

    private static final ClassHierarchy HIERARCHY =
            new ClassHierarchy(ClassHierarchy.ClassBytes.of(AdjointListingTest.class.getClassLoader()));

    @Test
    void reverse_mode_of_the_seed_sine_shows_the_taped_partials_and_the_adjoint_statements() throws Exception {
        String l = listing(bytes(TaylorSine.class), "sine", "(D)D", Engine.Mode.REVERSE);
        assertContains(l, "TaylorSine.sine(double x) → double");
        assertContains(l, "System.out.println(\"i=\" + i)");
        assertMatches(l, "\\* %\\d+ = Math\\.pow\\(x, \\(double\\) i\\)");
        assertMatches(l, "\\* %\\d+ = factorial\\(i\\) +// calls TaylorSine\\.factorial\\$fwd");
        assertMatches(l, "tape ← ∂%\\d+/∂x = ");
        assertMatches(l, "Δx \\+= Δ%\\d+ \\* tape\\.pop\\(\\)   // ∂%\\d+/∂x");
        assertMatches(l, "factorial\\$rev\\(Δ%\\d+\\)");
        assertContains(l, "end: return Δx to the caller");
        // factorial, linked when sine first calls it, has a companion of its own
        assertFalse(l.contains("TaylorSine.factorial(int n) → double"), l);
    }

    @Test
    void forward_mode_of_the_seed_sine_shows_the_tangent_statements() throws Exception {
        String l = listing(bytes(TaylorSine.class), "sine", "(D)D", Engine.Mode.TANGENT);
        assertContains(l, "sine$tan, the tangent method");
        assertMatches(l, "d%\\d+ = tangent from TaylorSine\\.factorial\\$tan");
        assertMatches(l, "d%\\d+ = ds[^\\n]* \\+ dx \\* ");
        assertMatches(l, "dresult = d%\\d+");
    }

    @Test
    void a_switch_names_its_targets_and_every_merge_says_how_the_pullback_finds_its_predecessor() throws Exception {
        String l = listing(bytes(Control.class), "tableSwitch", "(D)D", Engine.Mode.REVERSE);
        assertMatches(l, "switch \\(k\\) \\{0: B\\d+, 1: B\\d+, 2: B\\d+, 3: B\\d+, default: B\\d+\\}");
        assertMatches(l, "→ B\\d+( or B\\d+)+, as taped");
    }

    @Test
    void loops_stepped_by_one_in_the_latch_have_their_counts_derived_and_the_others_taped() throws Exception {
        byte[] loops = bytes(dev.adjoint.subjects.IndexedLoops.class);
        String triangular = listing(loops, "triangular", "([D)D", Engine.Mode.REVERSE);
        String first = triangular.split("\n(?=\\S+\\(.*\\) → )")[1];
        assertEquals(4, count(first, "counted loop: nothing taped"), first);
        assertEquals(0, count(first, "taped as one count"), first);
        assertContains(first, "counts its iterations by j less its value on entry, i + 1");
        assertEquals(0, count(first, "pops the iteration count"), first);
        // the inner index is set where the pullback enters its loop, so its old value is not taped at j = i + 1
        assertContains(first, "where it leaves, j = max(i + 1, n), not taped");
        assertEquals(0, count(first, "tape ← j before this store"), first);
        // read after its loop, the index has its value from the return; read before its loop sets it again, its
        // old value is taped
        String after = listing(loops, "indexReadAfter", "([D)D", Engine.Mode.REVERSE);
        assertContains(after, "where it leaves, i = max(0, x.length - 3), not taped");
        assertEquals(0, count(after, "tape ← i before this store"), after);
        String carried = listing(loops, "indexCarriedOver", "([D)D", Engine.Mode.REVERSE);
        assertContains(carried, "counted loop: nothing taped, the pullback counts its iterations by j");
        assertContains(carried, "tape ← j before this store");
        String shrinks = listing(loops, "boundWrittenInside", "([D)D", Engine.Mode.REVERSE);
        assertContains(shrinks, "counted loop: nothing taped");
        assertEquals(0, count(shrinks, "where it leaves"), shrinks);
        for (String name : new String[] {"stepsByTwo", "skipsInTheBody"}) {
            String l = listing(loops, name, "([D)D", Engine.Mode.REVERSE);
            assertContains(l, "counted loop: its iterations are taped as one count when it exits");
            assertContains(l, "pops the iteration count of the loop at");
        }
        assertContains(listing(loops, "fromTheLength", "([D)D", Engine.Mode.REVERSE),
                "less its value on entry, x.length - 4");
    }

    /**
     * The augmented primal's listing is printed from the IR its pushes are lowered from, so it names every push:
     * the counts taped on the way out of a loop, where a handler was entered from, what an exception leaving the
     * method tapes, and a tree's recomputable partials last, as they are pushed.
     */
    @Test
    void the_augmented_primal_lists_every_push_the_loop_counts_the_handlers_and_the_way_out_by_an_exception()
            throws Exception {
        String loop = listing(bytes(dev.adjoint.subjects.IndexedLoops.class), "stepsByTwo", "([D)D",
                Engine.Mode.REVERSE);
        assertMatches(loop, "if \\(i >= x\\.length\\) goto (B\\d+)\n +on the way to \\1:\n"
                + " +tape ← the iterations of the loop at B\\d+\n");
        assertMatches(loop, "when an exception leaves the method:\n +tape ← x \\(read by the pullback\\)\n"
                + " +tape ← i \\(read by the pullback\\)\n +tape ← the iterations of the loop at B\\d+\n"
                + " +tape ← where the exception was thrown\n");
        String caught = listing(bytes(dev.adjoint.subjects.Exceptional.class), "caughtInLoop", "(D)D",
                Engine.Mode.REVERSE);
        assertMatches(caught, "B\\d+ \\(handler\\) +// exception handler; tape ← where the exception was thrown");
        // shared[i] * x[i]: the partial that reads the volatile field's array is always taped, the one that reads
        // x only unless x is the gradient's input, and that one is pushed last
        String volatileRead;
        try (InputStream in = AdjointListingTest.class.getResourceAsStream(
                "/dev/adjoint/internal/plan/HoistingTargets.class")) {
            volatileRead = listing(in.readAllBytes(), "volatileRead", "([D)D", Engine.Mode.REVERSE);
        }
        assertMatches(volatileRead, "tape ← ∂(%\\d+)/∂%\\d+ = %\\d+\n +tape ← ∂\\1/∂%\\d+ = %\\d+   // unless x is");
    }

    @Test
    void the_fields_a_constructor_set_from_its_arguments_give_their_adjoints_back_last_first() throws Exception {
        String l = listing(bytes(dev.adjoint.subjects.Idioms.class), "recordMethods", "(D)D", Engine.Mode.REVERSE);
        // new Pair(x, 2 * x) stores a, then b; the pullback, printed from the IR it is lowered from, undoes b first
        assertMatches(l, "Δ%\\d+ \\+= Δ\\((%\\d+)\\.b\\)\n +Δ\\(\\1\\.b\\) = 0\n +Δ%\\d+ \\+= Δ\\(\\1\\.a\\)");
    }

    /**
     * Every method of every test subject: the listing renders in both modes, and in reverse mode each partial the
     * augmented primal tapes is popped by exactly one adjoint statement of the pullback.
     */
    @Test
    void every_subject_renders_and_its_pullback_pops_each_taped_partial_once() throws Exception {
        int rendered = 0;
        for (Path file : subjectClassFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            ClassNode c = ClassFiles.read(bytes);
            for (MethodNode m : c.methods) {
                if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || m.name.equals("<clinit>")) {
                    continue;
                }
                String reverse;
                String forward;
                try {
                    reverse = listing(bytes, m.name, m.desc, Engine.Mode.REVERSE);
                    forward = listing(bytes, m.name, m.desc, Engine.Mode.TANGENT);
                } catch (TransformException e) {
                    continue; // refused by the engine: nothing to list
                }
                for (String method : reverse.split("\n(?=\\S+\\(.*\\) → )")) {
                    // a partial the pullback may recompute reads "(value or tape.pop())"
                    assertEquals(count(method, "tape ← ∂"),
                            count(method, "* tape.pop()   // ∂") + count(method, " or tape.pop())   // ∂"),
                            c.name + "." + m.name + ":\n" + method);
                }
                assertTrue(forward.contains("tangent method"), forward);
                rendered++;
            }
        }
        assertTrue(rendered > 100, "only " + rendered + " subject methods rendered");
    }

    static String listing(byte[] host, String name, String desc, Engine.Mode mode) throws TransformException {
        Companion c = Engine.standard(true).generate(host, name, desc, HIERARCHY, mode);
        return AdjointListing.of(c, mode);
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static List<Path> subjectClassFiles() throws URISyntaxException, IOException {
        Path dir = Paths.get(Control.class.getResource("Control.class").toURI()).getParent();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> p.toString().endsWith(".class")).sorted().toList());
            out.add(Paths.get(TaylorSine.class.getResource("TaylorSine.class").toURI()));
            return out;
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "no '" + expected + "' in:\n" + text);
    }

    private static void assertMatches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> "nothing matches /" + regex + "/ in:\n" + text);
    }
}
