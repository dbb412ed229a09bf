import java.lang.management.ManagementFactory;

/** Reports how it was started, for the harness's own tests; with the argument "sleep" it never ends. */
public final class Probe {

    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            System.out.println("jvmOption=" + a);
        }
        System.out.println("adjoint.verify=" + System.getProperty("adjoint.verify"));
        System.out.println("java.home=" + System.getProperty("java.home"));
        System.out.println("java.specification.version=" + System.getProperty("java.specification.version"));
        System.out.println("java.class.path=" + System.getProperty("java.class.path"));
        if (args.length > 0 && args[0].equals("sleep")) {
            System.out.println("sleeping");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
