package io.wirewatch.bench;

import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench ingest --sources 10000}: one ingest instance polls synthetic feeds served
 * from 127.0.0.1. The ingestor is {@code wirewatch ingest} itself, run in a child JVM with the
 * launcher's JVM options, so that its CPU and peak RSS are its own; the embedded broker, the
 * synthetic feed server and the bench's status reader stay in this JVM and are reported apart, as
 * the whole-machine view. Two phases in the same run: conditional GET (most polls answer 304) and,
 * as the baseline, the same server ignoring validators (every poll is a full 200 to parse). Polls
 * run at a compressed interval so that a minute holds a full round; the CPU cost per poll measured
 * there is projected to the 5-minute interval of the target.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Polls N synthetic feeds on a local 127.0.0.1 server with one `wirewatch ingest` process "
        + "(a child JVM) on the embedded broker of this one; prints polls/s, new items/s, p99 poll latency, "
        + "the ingest process's CPU per poll and share (measured, and projected to a 5-minute interval) and "
        + "peak RSS, then the whole machine (broker + feed server + ingest); baseline: the same server "
        + "ignoring ETags.")
public final class IngestBench implements Callable<Integer> {

  private final BenchEnvironment env;

  public IngestBench(BenchEnvironment env) {
    this.env = env;
  }

  /** Partitions of the bench's topics, as the default app.topics.partitions. */
  private static final int PARTITIONS = 3;

  @Option(names = "--sources", defaultValue = "10000", description = "Synthetic feeds (default 10000).")
  int sources;

  @Option(names = "--interval", defaultValue = "60s", description = "Poll interval used for the measurement (default 60s).")
  Duration interval;

  @Option(names = "--window", defaultValue = "60s", description = "Measurement window per phase after a warm-up round (default 60s).")
  Duration window;

  @Option(names = "--change-percent", defaultValue = "1", description = "Share of feed requests that find a new item (default 1).")
  double changePercent;

  @Option(names = "--threads", defaultValue = "4", description = "ingest.threads (default 4).")
  int threads;

  @Option(names = "--ingest-java-opts", paramLabel = "OPTS",
      description = "JVM options of the ingest process, space-separated. Default: this JVM's heap and GC "
          + "options, i.e. what bin/wirewatch gives `wirewatch ingest`.")
  String ingestJavaOpts;

  /** Figures of one phase; CPU in shares of one core, memory in KB. */
  record Phase(String name, double pollsPerSec, double newItemsPerSec, long p99Ms, double ingestCpuPerPollMs,
      double ingestCpuShare, double benchCpuShare, double notModifiedShare, long polls, long ingestPeakRssKb,
      long ingestWindowMaxRssKb, long benchPeakRssKb) {}

  @Override
  public Integer call() throws Exception {
    Duration every = interval;
    Duration measure = window;
    List<String> jvm = ingestJavaOpts == null ? ChildCommand.launcherOptions()
        : List.of(ingestJavaOpts.trim().split("\\s+"));
    Path dir = Files.createTempDirectory("wirewatch-bench-ingest");
    List<Phase> phases = new ArrayList<>();
    try (BenchEnvironment.Broker broker = env.startBroker(dir.resolve("broker"));
        SyntheticFeeds feeds = new SyntheticFeeds(sources, changePercent / 100.0)) {
      phases.add(phase("conditional GET", true, broker.bootstrapServers(), feeds, every, measure, jvm, dir));
      phases.add(phase("baseline: no 304", false, broker.bootstrapServers(), feeds, every, measure, jvm, dir));
    }
    print(phases, jvm);
    return 0;
  }

  private Phase phase(String name, boolean conditional, String bootstrap, SyntheticFeeds feeds, Duration every,
      Duration measure, List<String> jvm, Path dir) throws Exception {
    feeds.conditional(conditional);
    String group = "bench-" + (conditional ? "cond" : "full");
    Topics topics = Topics.withPrefix(group + ".");
    TopicCreator.ensure(bootstrap, topics, PARTITIONS, (short) 1);
    List<Source> list = new ArrayList<>(sources);
    for (int i = 0; i < sources; i++) {
      list.add(new Source("feed-" + i, URI.create(feeds.feedUrl(i)), Source.Type.FEED, null));
    }
    try (SourceCatalog c = SourceCatalog.connect(bootstrap, topics)) {
      c.put(list);
    }
    List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
    StatusReader reader = new StatusReader(bootstrap, topics.sourceStatus(), statuses);
    Thread readerThread = new Thread(reader, "bench-status-reader");
    readerThread.start();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("app.topics.prefix", group + ".");
    settings.put("app.topics.partitions", String.valueOf(PARTITIONS));
    settings.put("ingest.group-id", group);
    settings.put("ingest.fetch.allow-addresses", "127.0.0.1");
    settings.put("ingest.poll.interval", Settings.format(interval));
    settings.put("ingest.threads", String.valueOf(threads));
    // one host serves all 10,000 feeds here; real sources spread over many hosts
    settings.put("ingest.politeness.max-per-host", "64");
    settings.put("ingest.politeness.min-delay", "0ms");
    try (ChildCommand ingest = ChildCommand.start(env, "ingest", bootstrap, settings, jvm, dir.resolve(group + ".log"))) {
      // Warm-up: every source polled once (first polls are full 200s that emit every item), then
      // one more interval so that the window sees the steady state.
      long warmDeadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
      while (statuses.stream().map(SourceStatus::sourceId).distinct().count() < sources
          && System.nanoTime() < warmDeadline) {
        ingest.checkAlive();
        Thread.sleep(1_000);
      }
      Thread.sleep(every.toMillis() * 11 / 10);
      ingest.checkAlive();
      long ingest0 = ingest.cpuNanos();
      long bench0 = benchCpu();
      long n0 = feeds.requests.get();
      long nm0 = feeds.notModified.get();
      Instant from = Instant.now();
      long t0 = System.nanoTime();
      long windowMaxRss = 0;
      long end = t0 + measure.toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        windowMaxRss = Math.max(windowMaxRss, ingest.rssKb());
      }
      long wall = System.nanoTime() - t0;
      Instant to = Instant.now();
      ingest.checkAlive();
      long ingestCpu = ingest.cpuNanos() - ingest0;
      long benchCpu = benchCpu() - bench0;
      long ingestPeak = ingest.peakRssKb();
      long requests = feeds.requests.get() - n0;
      long notModified = feeds.notModified.get() - nm0;
      List<SourceStatus> in = statuses.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to)).toList();
      List<Long> durations = new ArrayList<>(in.stream().map(SourceStatus::durationMs).toList());
      Collections.sort(durations);
      long p99 = durations.isEmpty() ? 0 : Percentile.of(durations, 0.99);
      long newItems = in.stream().mapToLong(SourceStatus::itemsNew).sum();
      double secs = wall / 1e9;
      long polls = in.size();
      return new Phase(name, polls / secs, newItems / secs, p99, polls == 0 ? 0 : ingestCpu / 1e6 / polls,
          ingestCpu / (double) wall, benchCpu / (double) wall, requests == 0 ? 0 : notModified / (double) requests,
          polls, ingestPeak, windowMaxRss, ChildCommand.procStatusKb("self", "VmHWM:"));
    } finally {
      reader.stop();
      readerThread.join(10_000);
    }
  }

  /** CPU of this JVM: the broker, the synthetic feed server, the status reader, GC. */
  private static long benchCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private void print(List<Phase> p, List<String> jvm) {
    Phase a = p.get(0);
    Phase b = p.get(1);
    double targetPollsPerSec = sources / 300.0;
    boolean compressed = interval.compareTo(Duration.ofMinutes(5)) < 0;
    System.out.printf("bench ingest: %d synthetic feeds on 127.0.0.1, interval %s%s, %s%% of requests find a new item, %d poller threads%n",
        sources, Settings.format(interval), compressed ? " (compressed)" : "", changePercent, threads);
    System.out.printf("ingest process: `wirewatch ingest` in a child JVM (%s); broker and feed server in the bench JVM%n%n",
        String.join(" ", jvm));
    System.out.printf("%-46s %16s %16s %8s%n", "", a.name(), b.name(), "ratio");
    line("polls measured", a.polls(), b.polls(), "%16d");
    line("polls/s", a.pollsPerSec(), b.pollsPerSec(), "%16.1f");
    line("new items/s", a.newItemsPerSec(), b.newItemsPerSec(), "%16.2f");
    line("answered 304 (share of feed requests)", a.notModifiedShare() * 100, b.notModifiedShare() * 100, "%15.1f%%");
    line("p99 poll latency (ms)", a.p99Ms(), b.p99Ms(), "%16d");
    System.out.printf("%ningest process (the ingestor alone, all its threads, GC and JIT included)%n");
    line("CPU per poll (ms)", a.ingestCpuPerPollMs(), b.ingestCpuPerPollMs(), "%16.3f");
    line("CPU share, measured (1 core = 100%)", a.ingestCpuShare() * 100, b.ingestCpuShare() * 100, "%15.1f%%");
    line("CPU projected at 5-min interval", a.ingestCpuPerPollMs() * targetPollsPerSec / 10,
        b.ingestCpuPerPollMs() * targetPollsPerSec / 10, "%15.1f%%");
    line("peak RSS since start, MB (VmHWM)", a.ingestPeakRssKb() / 1024, b.ingestPeakRssKb() / 1024, "%16d");
    line("highest RSS in the window, MB", a.ingestWindowMaxRssKb() / 1024, b.ingestWindowMaxRssKb() / 1024, "%16d");
    System.out.printf("%nwhole machine (bench JVM: broker + feed server + status reader; plus the ingest process)%n");
    line("bench JVM CPU share, measured", a.benchCpuShare() * 100, b.benchCpuShare() * 100, "%15.1f%%");
    line("both processes CPU share, measured", (a.benchCpuShare() + a.ingestCpuShare()) * 100,
        (b.benchCpuShare() + b.ingestCpuShare()) * 100, "%15.1f%%");
    line("both projected at 5-min interval", projected(a, targetPollsPerSec), projected(b, targetPollsPerSec), "%15.1f%%");
    line("bench JVM peak RSS since start, MB", a.benchPeakRssKb() / 1024, b.benchPeakRssKb() / 1024, "%16d");
  }

  /** Both processes' CPU per poll, at the polls per second of 10,000 feeds every 5 minutes, in %. */
  private static double projected(Phase x, double targetPollsPerSec) {
    return (x.ingestCpuShare() + x.benchCpuShare()) / Math.max(x.pollsPerSec(), 1e-9) * targetPollsPerSec * 100;
  }

  private static void line(String name, double a, double b, String fmt) {
    System.out.printf("%-46s " + fmt + " " + fmt + " %8s%n", name, a, b, b == 0 ? "-" : String.format("%.2fx", a / b));
  }

  private static void line(String name, long a, long b, String fmt) {
    System.out.printf("%-46s " + fmt + " " + fmt + " %8s%n", name, a, b, b == 0 ? "-" : String.format("%.2fx", (double) a / b));
  }

  /** Collects status records of the phase as they are committed. */
  private static final class StatusReader implements Runnable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, SourceStatus> topic;
    private final List<SourceStatus> out;
    private volatile boolean running = true;

    StatusReader(String bootstrap, Topic<String, SourceStatus> topic, List<SourceStatus> out) {
      this.topic = topic;
      this.out = out;
      this.consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.CLIENT_ID_CONFIG, "bench-status-reader"),
          new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
      try {
        List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        while (running) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
          }
        }
      } finally {
        consumer.close();
      }
    }

    void stop() {
      running = false;
    }
  }
}
