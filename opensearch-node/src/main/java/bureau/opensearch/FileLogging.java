package bureau.opensearch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.LayoutComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

import java.nio.file.Path;

/**
 * Log4j 2 set up in code: a size-rolled file (and optionally stdout), in the same line
 * format as an OpenSearch distribution. Done programmatically so that no log4j2.properties
 * has to be shipped or found on the classpath.
 */
final class FileLogging {

    private static final String PATTERN = "[%d{ISO8601}][%-5p][%-25c{1.}] %marker%m%n";

    private FileLogging() {}

    static void configure(Path logFile, boolean alsoConsole) {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.setConfigurationName("opensearch-node");
        builder.setStatusLevel(Level.ERROR);

        LayoutComponentBuilder layout = builder.newLayout("PatternLayout")
            .addAttribute("pattern", PATTERN)
            .addAttribute("charset", "UTF-8");

        // Roll at 32 MB, keep 4 old files: enough for a development node.
        ComponentBuilder<?> policies = builder.newComponent("Policies")
            .addComponent(builder.newComponent("SizeBasedTriggeringPolicy").addAttribute("size", "32MB"));
        AppenderComponentBuilder file = builder.newAppender("file", "RollingFile")
            .addAttribute("fileName", logFile.toString())
            .addAttribute("filePattern", logFile.toString() + ".%i")
            .add(layout)
            .addComponent(policies)
            .addComponent(builder.newComponent("DefaultRolloverStrategy").addAttribute("max", "4"));
        builder.add(file);

        RootLoggerComponentBuilder root = builder.newRootLogger(Level.INFO).add(builder.newAppenderRef("file"));
        if (alsoConsole) {
            builder.add(builder.newAppender("console", "Console")
                .addAttribute("target", ConsoleAppender.Target.SYSTEM_OUT)
                .add(builder.newLayout("PatternLayout").addAttribute("pattern", PATTERN)));
            root.add(builder.newAppenderRef("console"));
        }
        builder.add(root);

        Configurator.reconfigure(builder.build());
    }

    /** Flushes and stops log4j; called last, after the node has been closed. */
    static void shutdown() {
        if (LogManager.getContext(false) instanceof LoggerContext) {
            Configurator.shutdown((LoggerContext) LogManager.getContext(false));
        }
    }
}
