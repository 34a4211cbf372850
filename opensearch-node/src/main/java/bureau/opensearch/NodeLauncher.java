package bureau.opensearch;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts a single-node OpenSearch 2.19 cluster inside this JVM and keeps it running
 * until the process receives SIGTERM/SIGINT.
 *
 * <p>The modules a distribution would load from {@code modules/} are passed to the node
 * as classpath plugins instead, so no OpenSearch installation is needed: Netty4 (HTTP and
 * transport), analysis-common (cjk analyzer, cjk_bigram filter and friends) and painless.
 *
 * <p>Options (command-line arguments win over system properties, which win over defaults):
 * <pre>
 *   --http-port N        -Dosnode.http.port=N       HTTP port                (9201)
 *   --transport-port P   -Dosnode.transport.port=P  transport port or range  (9300-9400)
 *   --host H             -Dosnode.host=H            bind/publish address     (127.0.0.1)
 *   --home DIR           -Dosnode.home=DIR          path.home                (var/opensearch)
 *   --data DIR           -Dosnode.data=DIR          path.data                (HOME/data)
 *   --logs DIR           -Dosnode.logs=DIR          path.logs, log file here (HOME/logs)
 *   --cluster-name NAME  -Dosnode.cluster.name=NAME cluster.name             (bureau-dev)
 *   --node-name NAME     -Dosnode.node.name=NAME    node.name                (CLUSTER-node)
 *   --console            -Dosnode.console=true      also log to stdout
 *   -E key=value         any other OpenSearch node setting (repeatable)
 * </pre>
 */
public final class NodeLauncher {

    private static final String PROP_PREFIX = "osnode.";

    private NodeLauncher() {}

    /**
     * A plain {@link Node} whose only difference is that plugins are given as classes found
     * on the classpath instead of being discovered under {@code path.home/modules}.
     */
    static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            // true = forbid private index settings, as a production node does.
            super(environment, plugins, true);
        }
    }

    /** The modules this node ships with. */
    static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,
        CommonAnalysisPlugin.class,
        PainlessPlugin.class
    );

    public static void main(String[] args) {
        // log4j must not install its own shutdown hook: ours closes the node first and then
        // stops logging, so the node's shutdown messages still reach the log file.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");

        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("opensearch-node: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }

        try {
            Files.createDirectories(options.home);
            Files.createDirectories(options.home.resolve("config"));
            Files.createDirectories(options.data);
            Files.createDirectories(options.logs);
        } catch (IOException e) {
            System.err.println("opensearch-node: cannot create directories: " + e);
            System.exit(1);
            return;
        }

        // Configure logging before any OpenSearch class asks for a logger.
        Path logFile = options.logs.resolve("opensearch.log");
        FileLogging.configure(logFile, options.console);
        Logger logger = LogManager.getLogger(NodeLauncher.class);

        NodeHolder holder = new NodeHolder(logger);
        Runtime.getRuntime().addShutdownHook(new Thread(holder::shutdown, "opensearch-node-shutdown"));

        long startNanos = System.nanoTime();
        try {
            Settings settings = options.toSettings();
            Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), options.home.resolve("config"), () -> options.nodeName);
            logger.info("starting OpenSearch node [{}] in cluster [{}], home [{}], data [{}]",
                options.nodeName, options.clusterName, options.home, options.data);
            Node node = new ClasspathPluginNode(environment, PLUGINS);
            holder.set(node);
            node.start();
            HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            String address = http.boundAddress().publishAddress().toString();
            logger.info("node started in {} ms, HTTP on {}", millis, address);
            // One line on stdout so that whoever launched us can see where to connect.
            System.out.println("opensearch-node started in " + millis + " ms, HTTP on " + address
                + ", pid " + ProcessHandle.current().pid() + ", log " + logFile);
            System.out.flush();
        } catch (Throwable t) {
            logger.error("failed to start the OpenSearch node", t);
            System.err.println("opensearch-node: failed to start: " + t);
            t.printStackTrace(System.err);
            // The shutdown hook closes whatever part of the node was built.
            System.exit(1);
            return;
        }

        // Keep the JVM alive until the shutdown hook has closed the node.
        holder.awaitStopped();
    }

    /** Owns the node across threads and closes it exactly once on shutdown. */
    static final class NodeHolder {
        private final Logger logger;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile Node node;

        NodeHolder(Logger logger) {
            this.logger = logger;
        }

        void set(Node node) {
            this.node = node;
        }

        void shutdown() {
            Node current = node;
            node = null;
            try {
                if (current != null) {
                    logger.info("shutting down the OpenSearch node");
                    current.close();
                    if (current.awaitClose(30, TimeUnit.SECONDS) == false) {
                        logger.warn("node did not close within 30 s");
                    }
                    logger.info("node stopped");
                }
            } catch (Exception e) {
                logger.error("error while closing the node", e);
            } finally {
                stopped.countDown();
                FileLogging.shutdown();
            }
        }

        void awaitStopped() {
            while (true) {
                try {
                    stopped.await();
                    return;
                } catch (InterruptedException e) {
                    // Only the shutdown hook may end the wait.
                }
            }
        }
    }

    /** Parsed command line and system properties. */
    static final class LaunchOptions {
        static final String USAGE = String.join("\n",
            "usage: java -jar opensearch-node.jar [options]",
            "  --http-port N        HTTP port (default 9201; -Dosnode.http.port)",
            "  --transport-port P   transport port or range (default 9300-9400; -Dosnode.transport.port)",
            "  --host H             bind address (default 127.0.0.1; -Dosnode.host)",
            "  --home DIR           path.home (default var/opensearch; -Dosnode.home)",
            "  --data DIR           path.data (default HOME/data; -Dosnode.data)",
            "  --logs DIR           log directory (default HOME/logs; -Dosnode.logs)",
            "  --cluster-name NAME  cluster.name (default bureau-dev; -Dosnode.cluster.name)",
            "  --node-name NAME     node.name (default CLUSTER-node; -Dosnode.node.name)",
            "  --console            also log to stdout (-Dosnode.console=true)",
            "  -E key=value         any other node setting, repeatable",
            "  --help               this text");

        String httpPort;
        String transportPort;
        String host;
        Path home;
        Path data;
        Path logs;
        String clusterName;
        String nodeName;
        boolean console;
        boolean help;
        final Settings.Builder extra = Settings.builder();

        static LaunchOptions parse(String[] args) {
            LaunchOptions o = new LaunchOptions();
            String httpPort = null, transportPort = null, host = null, home = null, data = null;
            String logs = null, clusterName = null, nodeName = null;
            Boolean console = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--http-port": case "--port": httpPort = value(args, ++i, arg); break;
                    case "--transport-port": transportPort = value(args, ++i, arg); break;
                    case "--host": host = value(args, ++i, arg); break;
                    case "--home": home = value(args, ++i, arg); break;
                    case "--data": data = value(args, ++i, arg); break;
                    case "--logs": logs = value(args, ++i, arg); break;
                    case "--cluster-name": clusterName = value(args, ++i, arg); break;
                    case "--node-name": nodeName = value(args, ++i, arg); break;
                    case "--console": console = Boolean.TRUE; break;
                    case "-h": case "--help": o.help = true; break;
                    case "-E": addSetting(o.extra, value(args, ++i, arg)); break;
                    default:
                        if (arg.startsWith("-E") && arg.length() > 2) {
                            addSetting(o.extra, arg.substring(2));
                        } else {
                            throw new IllegalArgumentException("unknown argument [" + arg + "]");
                        }
                }
            }
            o.httpPort = pick(httpPort, "http.port", "9201");
            o.transportPort = pick(transportPort, "transport.port", "9300-9400");
            o.host = pick(host, "host", "127.0.0.1");
            o.home = absolute(pick(home, "home", "var/opensearch"));
            o.data = absolute(pick(data, "data", o.home.resolve("data").toString()));
            o.logs = absolute(pick(logs, "logs", o.home.resolve("logs").toString()));
            o.clusterName = pick(clusterName, "cluster.name", "bureau-dev");
            o.nodeName = pick(nodeName, "node.name", o.clusterName + "-node");
            o.console = console != null ? console : Boolean.parseBoolean(pick(null, "console", "false"));
            return o;
        }

        Settings toSettings() {
            return Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", data.toString())
                .put("path.logs", logs.toString())
                // Allows "fs" snapshot repositories under HOME/snapshots (handy in tests).
                .put("path.repo", home.resolve("snapshots").toString())
                .put("cluster.name", clusterName)
                .put("node.name", nodeName)
                .put("discovery.type", "single-node")
                .put("network.host", host)
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                // Development machines often have full disks; never go read-only because of it.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put(extra.build())
                .build();
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option [" + option + "] needs a value");
            }
            return args[i];
        }

        private static void addSetting(Settings.Builder builder, String keyValue) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-E expects key=value, got [" + keyValue + "]");
            }
            builder.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
        }

        private static String pick(String fromArgs, String property, String fallback) {
            if (fromArgs != null && fromArgs.isEmpty() == false) {
                return fromArgs;
            }
            String fromProperty = System.getProperty(PROP_PREFIX + property);
            if (fromProperty != null && fromProperty.isEmpty() == false) {
                return fromProperty;
            }
            return fallback;
        }

        private static Path absolute(String path) {
            return Paths.get(path).toAbsolutePath().normalize();
        }
    }
}
