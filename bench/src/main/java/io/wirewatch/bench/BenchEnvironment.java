package io.wirewatch.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What a benchmark needs from the launcher that runs it, and only the launcher has: a Kafka broker
 * and the command line of a child {@code wirewatch} JVM. The launcher ({@code app}) passes its
 * implementation to the benchmarks' constructors, so that this module never depends on it.
 */
public interface BenchEnvironment {

  /** Starts a single-node broker that keeps its data under {@code dataDir}. */
  Broker startBroker(Path dataDir);

  /**
   * The command that runs {@code wirewatch ARGS...} in a child JVM with {@code jvmOptions}, as
   * {@code bin/wirewatch} runs it (same java, same class path).
   */
  List<String> childCommand(List<String> jvmOptions, List<String> args);

  /** A running broker; closing it stops it. */
  interface Broker extends AutoCloseable {
    String bootstrapServers();

    @Override
    void close();
  }
}
