package dev.podsift.app;

import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where the libraries' SLF4J logging goes (the task scheduler, the web server): their warnings and errors become one
 * line each in the service's log, the exception's message in place of its stack trace; their chatter below warning is
 * dropped. Found by SLF4J through META-INF/services.
 */
public final class LibraryLog implements SLF4JServiceProvider {
    private static volatile Consumer<String> sink = System.err::println;

    private final ILoggerFactory loggers = Line::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Sends the libraries' warnings and errors to {@code log} from now on (the default is standard error). */
    public static void to(Consumer<String> log) {
        sink = log;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: lines go straight to the sink
    }

    /** One library logger: warnings and errors as single lines. */
    private static final class Line extends LegacyAbstractLogger {
        private final String source;

        Line(String name) {
            this.name = name;
            String n = name.startsWith("com.github.kagkarlsson") ? "task scheduler" : name;
            this.source = n.substring(n.lastIndexOf('.') + 1);
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable t) {
            StringBuilder line = new StringBuilder(level.toString().toLowerCase(java.util.Locale.ROOT)).append(": ")
                    .append(source).append(": ").append(MessageFormatter.basicArrayFormat(pattern, args));
            for (Throwable c = t; c != null && line.length() < 2000; c = c.getCause() == c ? null : c.getCause()) {
                line.append(c == t ? " (" : "; caused by ").append(c);
            }
            if (t != null) {
                line.append(')');
            }
            sink.accept(line.toString());
        }
    }
}
