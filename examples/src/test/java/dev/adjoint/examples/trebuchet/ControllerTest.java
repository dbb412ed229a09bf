package dev.adjoint.examples.trebuchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.examples.lstm.Adam;

class ControllerTest {

    private static final Range RANGE = Range.standard();

    /** ∂loss/∂array[k] by central differences of the plain loss. */
    private static double centralDifference(Controller c, double[] array, int k, Shot[] shots) {
        double h = 1e-6;
        double saved = array[k];
        array[k] = saved + h;
        double up = RANGE.meanSquaredMiss(c, shots);
        array[k] = saved - h;
        double down = RANGE.meanSquaredMiss(c, shots);
        array[k] = saved;
        return (up - down) / (2 * h);
    }

    @Test
    void gradient_through_the_simulator_agrees_with_central_differences() {
        Controller controller = new Controller(new Random(4));
        Shot[] shots = Shot.random(3, new Random(9));
        Controller gradient = AD.gradient(controller, c -> RANGE.meanSquaredMiss(c, shots));

        List<double[]> parameters = controller.parameters();
        List<double[]> adjoints = gradient.parameters();
        int[][] samples = {{0, 5, 31}, {0, 9, 15}, {0, 20, 31}, {0, 1}};
        for (int a = 0; a < samples.length; a++) {
            for (int k : samples[a]) {
                double expected = centralDifference(controller, parameters.get(a), k, shots);
                assertEquals(expected, adjoints.get(a)[k], 1e-5 * Math.max(1, Math.abs(expected)),
                        "array " + a + ", index " + k);
            }
        }
    }

    /** A controller after forty steps of Adam on batches of eight shots. */
    static Controller trainedBriefly(double[] lossesOut) {
        Random random = new Random(7);
        Controller controller = new Controller(random);
        Adam adam = new Adam(0.03, Double.POSITIVE_INFINITY);
        for (int step = 0; step < 40; step++) {
            Shot[] shots = Shot.random(8, random);
            lossesOut[step] = RANGE.meanSquaredMiss(controller, shots);
            Controller gradient = AD.gradient(controller, c -> RANGE.meanSquaredMiss(c, shots));
            adam.step(controller.parameters(), gradient.parameters());
        }
        return controller;
    }

    @Test
    void forty_steps_of_adam_halve_the_mean_miss_and_lower_the_training_loss() {
        Shot[] test = Shot.random(32, new Random(8));
        double before = RANGE.meanMiss(new Controller(new Random(7)), test);
        double[] losses = new double[40];

        Controller controller = trainedBriefly(losses);

        double after = RANGE.meanMiss(controller, test);
        assertTrue(before > 10, "the untrained controller misses by metres: " + before);
        assertTrue(after < before / 2, "from " + before + " m to " + after + " m");
        double early = (losses[0] + losses[1] + losses[2] + losses[3] + losses[4]) / 5;
        double late = (losses[35] + losses[36] + losses[37] + losses[38] + losses[39]) / 5;
        assertTrue(late < early / 4, "training loss from " + early + " to " + late + " m²");
    }

    @Test
    void every_aim_is_within_what_the_machine_can_do() {
        Controller controller = new Controller(new Random(1));
        for (double[] w : controller.parameters()) {
            Arrays.fill(w, 30);
        }
        Aim extreme = controller.aim(40, 5);
        assertTrue(extreme.counterweight() <= Controller.HEAVIEST && extreme.counterweight() > 40);
        assertTrue(extreme.releaseAngle() <= Controller.STEEPEST && extreme.releaseAngle() >= Controller.FLATTEST);
    }
}
