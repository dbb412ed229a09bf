package dev.adjoint.examples.trebuchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectAimTest {

    private static final Range RANGE = Range.standard();

    @Test
    void the_direct_way_and_the_network_land_the_same_shot_within_the_networks_miss() {
        Controller network = ControllerTest.trainedBriefly(new double[40]);
        Shot shot = new Shot(55, -2);
        double networkLanding = RANGE.landing(network.aim(shot.target(), shot.wind()), shot.wind());
        double tolerance = Math.abs(networkLanding - shot.target());
        assertTrue(tolerance < 15, "the network aims roughly: " + networkLanding);

        DirectAim.Result direct = new DirectAim(RANGE, 100).aim(shot, Math.max(tolerance, 0.05));

        double directLanding = RANGE.landing(direct.aim(), shot.wind());
        assertEquals(direct.miss(), directLanding - shot.target(), 1e-9, "the miss is where the shot lands");
        assertTrue(Math.abs(direct.miss()) <= Math.max(tolerance, 0.05), "direct miss " + direct.miss());
        assertEquals(networkLanding, directLanding, 2 * Math.max(tolerance, 0.05));
        assertTrue(direct.simulations() > 1, "it took gradient steps: " + direct.simulations());
    }

    @Test
    void the_direct_way_hits_a_shot_to_a_centimetre() {
        Shot shot = new Shot(30, 4);
        DirectAim.Result direct = new DirectAim(RANGE, 100).aim(shot, 0.01);
        assertEquals(30, RANGE.landing(direct.aim(), 4), 0.01);
    }

    @Test
    void the_example_trains_writes_its_loss_curve_and_states_the_speed_up(@TempDir Path out) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        NeuralTrebuchet.Run run = NeuralTrebuchet.run(new NeuralTrebuchet.Settings(5, 4, 0.03, 7, 2, out),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(out.resolve("trebuchet-loss.png"), run.lossCurve());
        assertTrue(Files.size(run.lossCurve()) > 0 && ImageIO.read(run.lossCurve().toFile()) != null);
        assertEquals(5, run.losses().length);
        assertTrue(text.contains("speed-up: the trained network aims"), text);
        assertTrue(text.contains("wrote " + run.lossCurve()), text);
        assertTrue(run.trial().directMiss() <= run.trial().tolerance() + 1e-12, "direct reached the network's miss");
        assertTrue(run.trial().networkSeconds() > 0 && run.trial().directSeconds() > 0);
    }
}
