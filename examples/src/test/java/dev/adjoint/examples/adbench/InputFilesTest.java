package dev.adjoint.examples.adbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @Test
    void gmm_test_instance_is_read_in_the_gradient_layout() {
        GmmInput in = GmmInput.load(GmmInput.TEST);
        GmmData data = in.data();
        assertEquals(2, data.dimension());
        assertEquals(3, data.components());
        assertEquals(1, data.size());
        assertEquals(1.0, data.wishartGamma());
        assertEquals(0, data.wishartM());
        double[] p = in.parameters();
        assertEquals(18, p.length);
        assertArrayEquals(new double[] {-0.649014, 1.181166, -0.758453, 0.092339, 0.186260}, slice(p, 0, 5));
        assertArrayEquals(new double[] {0.586443, -0.851887, 0.800321}, slice(p, 9, 12));
        assertArrayEquals(new double[][] {{1.175171, 2.029160}}, data.points());
    }

    @Test
    void gmm_1k_instances_have_a_thousand_points() {
        GmmData data = GmmInput.load(GmmInput.D10_K5).data();
        assertEquals(10, data.dimension());
        assertEquals(5, data.components());
        assertEquals(1000, data.size());
        assertEquals(Gmm.parameterCount(10, 5), GmmInput.load(GmmInput.D10_K5).parameters().length);
    }

    @Test
    void lstm_instance_is_read_in_the_gradient_layout() {
        LstmInput in = LstmInput.load(LstmInput.L2_C1024);
        LstmData data = in.data();
        assertEquals(2, data.layers());
        assertEquals(14, data.size());
        assertEquals(1024, data.length());
        assertEquals(224 + 42, in.parameters().length);
        assertEquals(0.7477620204927391, in.parameters()[0]);
    }

    @Test
    void copies_handed_out_do_not_change_the_input() {
        GmmInput in = GmmInput.load(GmmInput.TEST);
        in.parameters()[0] = 99;
        in.data().points()[0][0] = 99;
        assertEquals(-0.649014, in.parameters()[0]);
        assertEquals(1.175171, in.data().points()[0][0]);
    }

    @Test
    void missing_file_names_the_path_and_the_property() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> GmmInput.load("adbench/gmm/no_such_instance.txt"));
        assertTrue(e.getMessage().contains("no_such_instance.txt"), e.getMessage());
        assertTrue(e.getMessage().contains(DataPath.PROPERTY), e.getMessage());
    }

    @Test
    void file_shorter_than_its_header_says_is_reported_with_its_path(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("short.txt"), "2 3 1\n0.1\n0.2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GmmInput.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static double[] slice(double[] a, int from, int to) {
        double[] s = new double[to - from];
        System.arraycopy(a, from, s, 0, s.length);
        return s;
    }
}
