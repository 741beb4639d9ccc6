package io.wirewatch.process;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topics;
import io.wirewatch.process.alert.RuleError;
import io.wirewatch.process.alert.RulesFile;
import io.wirewatch.process.alert.RulesTopic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the process topology as a Kafka Streams application until closed. */
public final class ProcessService implements AutoCloseable {

  /**
   * The JVM the process stage is sized for, as {@code bin/wirewatch process} and
   * {@code process/Dockerfile} start it unless told otherwise (a test keeps the three in step). It
   * is a throughput job with a small live heap (about 50 MB after a full collection in
   * {@code bench pipeline}) and raw pages of up to a few MB: the parallel collector spends less CPU
   * than G1, for which most raw pages are humongous objects that may start a concurrent cycle each
   * (121 of the 598 collections of an 8,000-article drain), and keeps no remembered sets. Measured
   * with {@code bench pipeline --articles 4000}: G1 with 512 MB 112 articles/s warm, 659 MB peak
   * RSS; this 130 articles/s, 503 MB.
   */
  public static final String JVM_OPTIONS_LINE = "-Xmx256m -XX:+UseParallelGC";
  /** {@link #JVM_OPTIONS_LINE} as separate arguments. */
  public static final List<String> JVM_OPTIONS = List.of(JVM_OPTIONS_LINE.split(" "));

  private static final Logger LOG = LoggerFactory.getLogger(ProcessService.class);

  /**
   * The line an instance stops with when a stream thread ran out of heap, or null when
   * {@code e} is something else.
   */
  static String outOfHeap(Throwable e, long maxHeapBytes) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return String.format(java.util.Locale.ROOT, "the process stage ran out of heap (%d MB: %s); raise it with "
            + "WIREWATCH_JAVA_OPTS (bin/wirewatch) or JDK_JAVA_OPTIONS (the image), e.g. -Xmx1g "
            + "-XX:+UseParallelGC: large rule sets need about 1.2 KB a rule", maxHeapBytes >> 20, t.getMessage());
      }
    }
    return null;
  }

  /** A thread that fails this often in one instance's life is failing on the same thing each time. */
  static final int MAX_THREAD_REPLACEMENTS = 5;

  private final CompletableFuture<String> failure = new CompletableFuture<>();
  private final AtomicInteger threadFailures = new AtomicInteger();
  private final InstanceDirectory instance;
  private final ProcessComponents components;
  private final KafkaDeadLetterSink ruleLetters;
  private final KafkaStreams streams;
  private final ProcessMetrics metrics;
  /** Store partitions being restored from their changelog now: not ready while there are any. */
  private final Set<String> restoring = ConcurrentHashMap.newKeySet();

  public ProcessService(String bootstrapServers, ProcessConfig config, Topics topics, Clock clock) {
    this(bootstrapServers, config, topics, clock, ProcessMetrics.none());
  }

  /**
   * @param metrics what the stage counts on; the service binds Kafka Streams' metrics and the
   *                rules gauge to it, and closes it with itself
   */
  public ProcessService(String bootstrapServers, ProcessConfig config, Topics topics, Clock clock,
      ProcessMetrics metrics) {
    this.metrics = metrics;
    this.instance = InstanceDirectory.claimUnder(config.stateDir(), config.applicationId());
    this.components = new ProcessComponents(config, topics, clock, metrics);
    this.ruleLetters = new KafkaDeadLetterSink(bootstrapServers, topics.deadLetter());
    try {
      seedRules(bootstrapServers, topics, clock);
    } catch (RuntimeException e) {
      ruleLetters.close();
      components.close();
      instance.close();
      throw e;
    }
    LOG.info("process instance {} keeps its state in {}", instance.memberName(), instance.path());
    int rulesPartitions = new RulesTopic(bootstrapServers, topics.rules()).partitions();
    if (rulesPartitions > 1) {
      LOG.warn("{} has {} partitions (created by an older Wirewatch): rule versions are offset x {} + partition, "
          + "unique but not offsets. For plain offsets, stop every process instance, save the rules "
          + "(wirewatch rules list), delete the topic and start again with --rules.",
          topics.rules().name(), rulesPartitions, Rule.MAX_RULES_PARTITIONS);
    }
    Properties props = streamsProperties(bootstrapServers, config);
    props.put(StreamsConfig.STATE_DIR_CONFIG, instance.path().toString());
    if (config.staticMembership()) {
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instance.memberName());
    }
    this.streams = new KafkaStreams(components.topology(topics, metrics.counting(ruleLetters), rulesPartitions), props);
    metrics.bind(streams);
    metrics.rules(components.rules());
    streams.setGlobalStateRestoreListener(new RestoreTracker());
    // Records that fail are already dead letters; an exception reaching here is a bug or a broker
    // problem. Replacing the thread retries from the last commit; a thread that keeps failing
    // (the same record, every time) stops the instance instead of looping forever, so that its
    // owner exits non-zero and a supervisor sees it.
    streams.setUncaughtExceptionHandler(e -> {
      String outOfHeap = outOfHeap(e, Runtime.getRuntime().maxMemory());
      if (outOfHeap != null) {
        // A replaced thread would meet the same heap; say what to change instead of looping.
        LOG.error(outOfHeap, e);
        failure.complete(outOfHeap);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
      if (threadFailures.incrementAndGet() > MAX_THREAD_REPLACEMENTS) {
        LOG.error("stream thread failed {} times; stopping this instance", threadFailures.get(), e);
        failure.complete("the process stage stopped after its stream thread failed "
            + threadFailures.get() + " times; last: " + e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
      LOG.error("stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.ERROR) {
        failure.complete("the process stage stopped: Kafka Streams went from " + before + " to ERROR");
      }
    });
  }

  /**
   * Imports the configured rules file into {@code news.rules}, or the bundled rules into an empty
   * topic. Rules that do not parse are not imported; each becomes a dead letter with the reason.
   */
  private void seedRules(String bootstrapServers, Topics topics, Clock clock) {
    RulesFile.Loaded seed = components.seedRules();
    List<RuleError> errors = new ArrayList<>(seed.errors());
    List<Rule> valid = new ArrayList<>();
    for (Rule r : seed.rules()) {
      components.rules().check(r).ifPresentOrElse(errors::add, () -> valid.add(r));
    }
    RulesTopic rulesTopic = new RulesTopic(bootstrapServers, topics.rules());
    if (components.seedRulesConfigured() || rulesTopic.readAll().isEmpty()) {
      List<Rule> written = rulesTopic.publishChanged(valid);
      LOG.info("imported {} rules into {} ({} unchanged): {}", written.size(), topics.rules().name(),
          valid.size() - written.size(), written.stream().map(Rule::id).toList());
    }
    for (RuleError e : errors) {
      LOG.error("rule {} rejected: {}", e.ruleId(), e.reason());
      ruleLetters.send(e.ruleId(), new DeadLetter(Stage.PROCESS_RULE, e.reason(), null, e.ruleId(), null, clock.instant()));
      metrics.deadLetter(Stage.PROCESS_RULE);
    }
  }

  /**
   * The Streams properties of the process stage: the pass-through settings of {@code process.streams.*}
   * with the ones Wirewatch decides. Tests drive the topology with the same properties. A running
   * service replaces the state directory with its own instance folder under it.
   */
  public static Properties streamsProperties(String bootstrapServers, ProcessConfig config) {
    Properties props = new Properties();
    props.putAll(config.streams());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    // A setter named in process.streams.rocksdb.config.setter wins over the shared budget.
    RocksDbMemory.properties(config.rocksDbMemoryMb() * 1024L * 1024L).forEach(props::putIfAbsent);
    return props;
  }

  /**
   * Completes with a one-line reason when this instance can no longer process (Streams in ERROR,
   * a stream thread failing again and again); its owner should then exit non-zero.
   */
  public CompletableFuture<String> failure() {
    return failure;
  }

  public void start() {
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Empty while this instance processes: Kafka Streams RUNNING and no store being restored.
   * Otherwise why not, in one line, for {@code GET /ready}.
   */
  public Optional<String> notReady() {
    if (failure.isDone()) {
      return Optional.of(failure.getNow("stopped"));
    }
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      return Optional.of("Kafka Streams is " + state + (restoring.isEmpty() ? "" : ", restoring " + restoringNow()));
    }
    if (!restoring.isEmpty()) {
      return Optional.of("restoring " + restoringNow());
    }
    return Optional.empty();
  }

  private String restoringNow() {
    List<String> now = new ArrayList<>(restoring);
    Collections.sort(now);
    return now.size() + " store partitions (" + String.join(", ", now.subList(0, Math.min(3, now.size())))
        + (now.size() > 3 ? ", ..." : "") + ")";
  }

  /** Follows restorations of every store, the global rules store included. */
  private final class RestoreTracker implements StateRestoreListener {
    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
      restoring.add(store + "/" + partition.partition());
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
      // progress is not needed: only whether a restoration is under way
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
      restoring.remove(store + "/" + partition.partition());
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
      restoring.remove(store + "/" + partition.partition());
    }
  }

  @Override
  public void close() {
    // Leave the group on a clean stop: otherwise the partitions stay assigned to this instance
    // until the session times out (45 s), and a restarted or other instance waits that long.
    streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    ruleLetters.close();
    components.close();
    instance.close();
    metrics.close();
  }
}
