package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

class AgentOnExecutorsTest {

    @Test
    void configure_puts_the_agent_on_executors_and_driver_after_their_existing_options() {
        SparkConf conf = new SparkConf(false).set(AgentOnExecutors.EXECUTOR_OPTIONS, "-Xss4m");
        AgentOnExecutors.configure(conf, "/opt/adjoint/ad.jar");
        assertEquals("-Xss4m -javaagent:/opt/adjoint/ad.jar", conf.get(AgentOnExecutors.EXECUTOR_OPTIONS));
        assertEquals("-javaagent:/opt/adjoint/ad.jar", conf.get(AgentOnExecutors.DRIVER_OPTIONS));
    }

    @Test
    void configuring_twice_adds_the_agent_once() {
        SparkConf conf = new SparkConf(false);
        AgentOnExecutors.configure(AgentOnExecutors.configure(conf, "/opt/ad.jar"), "/opt/ad.jar");
        assertEquals("-javaagent:/opt/ad.jar", conf.get(AgentOnExecutors.EXECUTOR_OPTIONS));
    }

    @Test
    void without_a_path_it_uses_the_agent_this_jvm_runs_with() {
        SparkConf conf = AgentOnExecutors.configure(new SparkConf(false));
        String option = conf.get(AgentOnExecutors.EXECUTOR_OPTIONS);
        assertTrue(option.startsWith("-javaagent:") && option.endsWith("ad.jar"), option);
        assertTrue(new File(option.substring("-javaagent:".length())).isFile(), option);
    }

    @Test
    void an_empty_path_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> AgentOnExecutors.configure(new SparkConf(false), " "));
    }

    @Test
    void under_the_agent_the_api_comes_from_the_boot_class_path_and_the_check_passes() {
        assertNull(AD.class.getClassLoader());
        AgentOnExecutors.requireLoaded();
    }
}
