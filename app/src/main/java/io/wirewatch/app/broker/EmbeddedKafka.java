package io.wirewatch.app.broker;

import io.wirewatch.model.InvalidInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM.
 *
 * <p>The log directory is formatted once and reused, so topics, offsets and the Streams
 * changelogs survive a restart on the same directory. Ports are chosen free at each start (the
 * controller's must be known before the config is built); {@link #bootstrapServers()} tells
 * clients where the broker is.
 *
 * <p>A fatal broker error halts the JVM (Kafka's own fault handler): for an all-in-one launcher
 * that is the right outcome, since nothing else works without the broker.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String CLUSTER_ID_FILE = "wirewatch-cluster-id";
  /** Written while the broker runs, so that other commands on the same data directory find it. */
  private static final String BOOTSTRAP_FILE = "bootstrap.servers";
  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final int port;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;
  private String bootstrapServers;

  /**
   * @param dataDir   where the broker keeps its logs; created and formatted on first use
   * @param overrides broker settings that replace the defaults below (e.g. retention)
   */
  public EmbeddedKafka(Path dataDir, Map<String, String> overrides) {
    this(dataDir, 0, overrides);
  }

  /**
   * @param port the client port on 127.0.0.1, or 0 for any free one; a fixed port lets clients find
   *             a broker restarted on the same data directory where they left it
   */
  public EmbeddedKafka(Path dataDir, int port, Map<String, String> overrides) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    this.dataDir = dataDir.toAbsolutePath();
    this.port = port;
    this.overrides = Map.copyOf(overrides);
  }

  public synchronized EmbeddedKafka start() {
    if (server != null) {
      throw new IllegalStateException("broker already started on " + bootstrapServers);
    }
    long t0 = System.nanoTime();
    int brokerPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    Path logDir = dataDir.resolve("kafka-logs");
    Properties props = brokerProperties(logDir, brokerPort, controllerPort);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    format(logDir);
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    bootstrapServers = "127.0.0.1:" + brokerPort;
    try {
      Files.writeString(dataDir.resolve(BOOTSTRAP_FILE), bootstrapServers);
    } catch (IOException e) {
      LOG.warn("cannot write {}: other commands will need --bootstrap-servers", dataDir.resolve(BOOTSTRAP_FILE), e);
    }
    LOG.info("embedded Kafka broker up on {} in {} ms (data in {})", bootstrapServers,
        (System.nanoTime() - t0) / 1_000_000, logDir);
    return this;
  }

  public synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      throw new IllegalStateException("broker not started");
    }
    return bootstrapServers;
  }

  /** The address of the broker running on {@code dataDir}, for commands run beside it. */
  public static String runningBootstrapServers(Path dataDir) {
    Path file = dataDir.resolve(BOOTSTRAP_FILE);
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new InvalidInputException("no running embedded broker found (" + file
          + " is missing): start `wirewatch run` first or pass --bootstrap-servers");
    }
  }

  private Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One node: every internal topic has one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "3");
    // No reason to wait for more members of a group that has, here, exactly the ones it has.
    p.put("group.initial.rebalance.delay.ms", "0");
    // The 128 MB default dedupe buffer is sized for large clusters; compaction here is small.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    // After a kill -9 a restart waits for the old broker session to expire; keep that short.
    p.put("broker.session.timeout.ms", "3000");
    p.put("broker.heartbeat.interval.ms", "500");
    // A killed producer's open transaction blocks its partitions (for read_committed consumers and
    // for whoever takes them over) until it is aborted; the broker looks for timed-out transactions
    // every 10 s by default. One node checks cheaply every second: a failover after kill -9 then
    // waits for the session and transaction timeouts, not for the next check as well.
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    // Raw pages are large; allow what the ingest producer allows.
    p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024 + 1024));
    p.put("auto.create.topics.enable", "false");
    overrides.forEach(p::put);
    return p;
  }

  /** Formats the log directory the first time; a formatted directory is left as it is. */
  private void format(Path logDir) {
    try {
      Files.createDirectories(logDir);
      Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
      String clusterId;
      if (Files.exists(idFile)) {
        clusterId = Files.readString(idFile).trim();
      } else {
        clusterId = Uuid.randomUuid().toString();
        Files.writeString(idFile, clusterId);
      }
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return;
      }
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setClusterId(clusterId)
          .setNodeId(NODE_ID)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("formatting Kafka storage in " + logDir + " failed: " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port", e);
    }
  }

  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    try {
      Files.deleteIfExists(dataDir.resolve(BOOTSTRAP_FILE));
    } catch (IOException e) {
      LOG.warn("cannot remove {}", dataDir.resolve(BOOTSTRAP_FILE), e);
    }
    LOG.info("embedded Kafka broker stopped");
  }
}
