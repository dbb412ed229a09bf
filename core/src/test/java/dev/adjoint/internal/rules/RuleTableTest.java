package dev.adjoint.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The built-in rule table, whose class files are read only when a rule is first asked for: a first gradient served
 * by the cache needs only its fingerprint, and the fingerprint must not change when the rules are read.
 */
class RuleTableTest {

    @Test
    void the_fingerprint_names_the_built_in_rules_by_the_engine_not_by_their_class_files() {
        String fingerprint = RuleTable.builtIn().fingerprint();
        assertTrue(fingerprint.startsWith("dev/adjoint/internal/rules/MathRules=engine;"), fingerprint);
        assertTrue(fingerprint.contains("dev/adjoint/internal/rules/ArrayReplacements=engine;"), fingerprint);
    }

    @Test
    void reading_the_rules_leaves_the_fingerprint_as_it_was() {
        RuleTable t = RuleTable.builtIn();
        String before = t.fingerprint();
        assertNotNull(t.find("java/lang/Math", "sin", "(D)D"));
        assertEquals(before, t.fingerprint());
    }

    @Test
    void the_built_in_rules_are_there_when_first_asked_for() {
        RuleTable t = RuleTable.builtIn();
        assertTrue(t.declaresRules("dev/adjoint/internal/rules/MathRules"));
        assertNotNull(t.find("java/lang/Math", "exp", "(D)D"));
    }
}
