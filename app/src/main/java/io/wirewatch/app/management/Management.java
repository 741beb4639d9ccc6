package io.wirewatch.app.management;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's meters and management routes: the registry every stage of the process registers
 * on, the JVM's own meters, the readiness checks, and the HTTP server when a port is set. Open one
 * per command, hand {@link #registry()} to the stages, add their checks, close it last.
 *
 * <p>Without a port the registry is a no-op one: nothing is measured that nobody can read.
 */
public final class Management implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Management.class);

  private final MeterRegistry registry;
  private final ManagementEndpoints endpoints;
  private final JvmGcMetrics gc;
  private final ManagementServer server;
  private final String host;

  private Management(MeterRegistry registry, ManagementEndpoints endpoints, JvmGcMetrics gc,
      ManagementServer server, String host) {
    this.registry = registry;
    this.endpoints = endpoints;
    this.gc = gc;
    this.server = server;
    this.host = host;
  }

  /** No server, no-op meters: a stage run with {@code management.port=0}. */
  public static Management off() {
    return new Management(new CompositeMeterRegistry(), new ManagementEndpoints(() -> ""), null, null, null);
  }

  /**
   * A Prometheus registry with the JVM's meters, served on {@code address:port} (port 0: a free
   * port, for tests).
   *
   * @param anyPortIfTaken when {@code port} is taken, listen on a free port instead (and say so)
   *                       rather than fail: for a default port, never for one the user chose
   * @throws UncheckedIOException when the port is taken (and {@code anyPortIfTaken} is false) or
   *                              the address cannot be bound
   */
  public static Management serve(String address, int port, boolean anyPortIfTaken) {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gc = bindJvm(prometheus);
    ManagementEndpoints endpoints = new ManagementEndpoints(prometheus::scrape);
    try {
      return new Management(prometheus, endpoints, gc, bind(address, port, anyPortIfTaken, endpoints), address);
    } catch (RuntimeException e) {
      gc.close();
      prometheus.close();
      throw e;
    }
  }

  /** A registry for a command whose management port is {@code port} (0: off). */
  public static Management forPort(String address, int port, boolean anyPortIfTaken) {
    return port == 0 ? off() : serve(address, port, anyPortIfTaken);
  }

  private static ManagementServer bind(String address, int port, boolean anyPortIfTaken, ManagementEndpoints e) {
    try {
      return new ManagementServer(new InetSocketAddress(address, port), e);
    } catch (BindException taken) {
      if (!anyPortIfTaken || port == 0) {
        throw new UncheckedIOException("management port " + address + ":" + port + " cannot be used ("
            + taken.getMessage() + "); set management.port / management.run-port to another port, or 0 for none", taken);
      }
      LOG.warn("management port {} is taken (another Wirewatch?); serving on a free port instead", port);
      return bind(address, 0, false, e);
    } catch (IOException io) {
      throw new UncheckedIOException("cannot start the management server on " + address + ":" + port + ": "
          + io.getMessage(), io);
    }
  }

  private static JvmGcMetrics bindJvm(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /** The registry every stage of this process registers its meters on. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Adds stage {@code name}'s readiness: empty while it does its job, else why not. */
  public void readiness(String name, Supplier<Optional<String>> notReady) {
    endpoints.readiness(name, notReady);
  }

  /** The routes, for a server of another command to serve them too. */
  public ManagementEndpoints endpoints() {
    return endpoints;
  }

  /** Where the routes are served, or empty without a server. */
  public Optional<URI> url() {
    if (server == null) {
      return Optional.empty();
    }
    String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return Optional.of(URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + server.port()));
  }

  /** Logs where the routes are served, if anywhere: once, at start. */
  public void announce() {
    url().ifPresent(u -> LOG.info("metrics on {}/metrics, health on {}/health and {}/ready", u, u, u));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
