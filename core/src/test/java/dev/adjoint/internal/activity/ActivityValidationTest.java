package dev.adjoint.internal.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.adjoint.testing.ValidationTarget;

/**
 * Activity on {@link ActivityTargets}: a line is active when one of its instructions produces a value that both
 * depends on a differentiated input and reaches an output; the expectation is written beside each line.
 */
class ActivityValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"mixed", "throughHeap"})
    void each_line_is_active_exactly_when_its_comment_says_so(String method) {
        ValidationTarget t = ValidationTarget.of(ActivityTargets.class, method);
        Activity activity = t.activity();
        Map<Integer, String> expected = new TreeMap<>();
        Map<Integer, String> found = new TreeMap<>();
        for (Map.Entry<Integer, List<String>> e : t.expectations().entrySet()) {
            expected.put(e.getKey(), e.getValue().get(0));
            boolean active = false;
            for (int i : t.instructionsOf(e.getKey())) {
                active |= activity.active(i);
            }
            found.put(e.getKey(), active ? "active" : "passive");
        }
        assertEquals(expected, found);
    }
}
