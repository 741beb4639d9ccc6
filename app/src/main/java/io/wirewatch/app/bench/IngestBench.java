package io.wirewatch.app.bench;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.SourceStatus;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * {@code wirewatch bench ingest --sources 10000}: one ingest instance on the embedded broker polls
 * synthetic feeds served from 127.0.0.1. Two phases in the same run: conditional GET (most polls
 * answer 304) and, as the baseline, the same server ignoring validators (every poll is a full
 * 200 to parse). Polls run at a compressed interval so that a minute holds several rounds; the
 * CPU cost per poll measured there is projected to the 5-minute interval of the target.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Polls N synthetic feeds on a local 127.0.0.1 server with one ingest instance on the "
        + "embedded broker; prints polls/s, new items/s, p99 poll latency, CPU per poll and share (measured, "
        + "and projected to a 5-minute interval), peak RSS; baseline: the same server ignoring ETags.")
public final class IngestBench implements Callable<Integer> {

  @Option(names = "--sources", defaultValue = "10000", description = "Synthetic feeds (default 10000).")
  int sources;

  @Option(names = "--interval", defaultValue = "60s", description = "Poll interval used for the measurement (default 60s).")
  String interval;

  @Option(names = "--window", defaultValue = "60s", description = "Measurement window per phase after a warm-up round (default 60s).")
  String window;

  @Option(names = "--change-percent", defaultValue = "1", description = "Share of feed requests that find a new item (default 1).")
  double changePercent;

  @Option(names = "--threads", defaultValue = "4", description = "ingest.threads (default 4).")
  int threads;

  /** Figures of one phase. */
  record Phase(String name, double pollsPerSec, double newItemsPerSec, long p99Ms, double ingestCpuPerPollMs,
      double ingestCpuShare, double processCpuShare, double notModifiedShare, long polls) {}

  @Override
  public Integer call() throws Exception {
    Duration every = Settings.parseDuration(interval);
    Duration measure = Settings.parseDuration(window);
    Path dir = Files.createTempDirectory("wirewatch-bench-ingest");
    List<Phase> phases = new ArrayList<>();
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
        SyntheticFeeds feeds = new SyntheticFeeds(sources, changePercent / 100.0)) {
      phases.add(phase("conditional GET", true, broker.bootstrapServers(), feeds, every, measure));
      phases.add(phase("baseline: no 304", false, broker.bootstrapServers(), feeds, every, measure));
    }
    print(phases, every);
    return 0;
  }

  private Phase phase(String name, boolean conditional, String bootstrap, SyntheticFeeds feeds, Duration every,
      Duration measure) throws Exception {
    feeds.conditional(conditional);
    Topics topics = Topics.withPrefix("bench-" + (conditional ? "cond" : "full") + ".");
    TopicCreator.ensure(bootstrap, topics, 3, (short) 1);
    IngestConfig config = IngestConfig.from(Settings.builder()
        .defaultsResource(IngestConfig.DEFAULTS)
        .overrides(Map.of(
            "ingest.fetch.allow-addresses", "127.0.0.1",
            "ingest.poll.interval", interval,
            "ingest.threads", String.valueOf(threads),
            "ingest.politeness.max-per-host", "64",
            "ingest.politeness.min-delay", "0ms",
            "ingest.group-id", "bench-" + (conditional ? "cond" : "full")))
        .build());
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
    Ingestor ingestor = Ingestor.toKafka(bootstrap, config, topics, Clock.systemUTC());
    ingestor.start();
    try {
      // Warm-up: every source polled once (first polls are full 200s that emit every item), then
      // one more interval so that the window sees the steady state.
      long warmDeadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
      while (statuses.stream().map(SourceStatus::sourceId).distinct().count() < sources
          && System.nanoTime() < warmDeadline) {
        Thread.sleep(1_000);
      }
      Thread.sleep(every.toMillis() * 11 / 10);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long ingest0 = ingestCpu(mx);
      long process0 = processCpu();
      long n0 = feeds.requests.get();
      long nm0 = feeds.notModified.get();
      Instant from = Instant.now();
      long t0 = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long wall = System.nanoTime() - t0;
      Instant to = Instant.now();
      long ingestCpu = ingestCpu(mx) - ingest0;
      long processCpu = processCpu() - process0;
      long requests = feeds.requests.get() - n0;
      long notModified = feeds.notModified.get() - nm0;
      List<SourceStatus> in = statuses.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to)).toList();
      List<Long> durations = new ArrayList<>(in.stream().map(SourceStatus::durationMs).toList());
      Collections.sort(durations);
      long p99 = durations.isEmpty() ? 0 : durations.get(Math.min(durations.size() - 1, (int) Math.ceil(durations.size() * 0.99) - 1));
      long newItems = in.stream().mapToLong(SourceStatus::itemsNew).sum();
      double secs = wall / 1e9;
      long polls = in.size();
      return new Phase(name, polls / secs, newItems / secs, p99, polls == 0 ? 0 : ingestCpu / 1e6 / polls,
          ingestCpu / (double) wall, processCpu / (double) wall, requests == 0 ? 0 : notModified / (double) requests, polls);
    } finally {
      ingestor.close();
      reader.stop();
      readerThread.join(10_000);
    }
  }

  /** CPU of the ingest instance's own threads: pollers, HTTP client, producer, consumers, committer. */
  private static long ingestCpu(ThreadMXBean mx) {
    long sum = 0;
    for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (ti == null) {
        continue;
      }
      String n = ti.getThreadName();
      if (n.contains("wirewatch") || n.startsWith("HttpClient") || n.contains("bench-cond") || n.contains("bench-full")) {
        long c = mx.getThreadCpuTime(ti.getThreadId());
        if (c > 0) {
          sum += c;
        }
      }
    }
    return sum;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private void print(List<Phase> p, Duration every) {
    Phase a = p.get(0);
    Phase b = p.get(1);
    double projectedPollsPerSec = sources / 300.0;
    System.out.printf("bench ingest: %d synthetic feeds on 127.0.0.1, interval %s (compressed), %s%% of requests find a new item, %d poller threads%n%n",
        sources, interval, changePercent, threads);
    System.out.printf("%-44s %16s %16s %8s%n", "", a.name(), b.name(), "ratio");
    line("polls measured", a.polls(), b.polls(), "%16d");
    line("polls/s", a.pollsPerSec(), b.pollsPerSec(), "%16.1f");
    line("new items/s", a.newItemsPerSec(), b.newItemsPerSec(), "%16.2f");
    line("answered 304 (share of feed requests)", a.notModifiedShare() * 100, b.notModifiedShare() * 100, "%15.1f%%");
    line("p99 poll latency (ms)", a.p99Ms(), b.p99Ms(), "%16d");
    line("ingest CPU per poll (ms)", a.ingestCpuPerPollMs(), b.ingestCpuPerPollMs(), "%16.3f");
    line("ingest CPU share, measured (1 core = 100%)", a.ingestCpuShare() * 100, b.ingestCpuShare() * 100, "%15.1f%%");
    line("process CPU share incl. broker+server+GC", a.processCpuShare() * 100, b.processCpuShare() * 100, "%15.1f%%");
    line("projected ingest CPU at 5-min interval", a.ingestCpuPerPollMs() * projectedPollsPerSec / 10,
        b.ingestCpuPerPollMs() * projectedPollsPerSec / 10, "%15.1f%%");
    line("projected process CPU at 5-min interval", a.processCpuShare() / Math.max(a.pollsPerSec(), 1e-9) * projectedPollsPerSec * 100,
        b.processCpuShare() / Math.max(b.pollsPerSec(), 1e-9) * projectedPollsPerSec * 100, "%15.1f%%");
    System.out.printf("%-44s %13d MB  (whole JVM: broker, ingest, bench server; heap %d MB max)%n", "peak RSS",
        peakRssKb() / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static void line(String name, double a, double b, String fmt) {
    System.out.printf("%-44s " + fmt + " " + fmt + " %8s%n", name, a, b, b == 0 ? "-" : String.format("%.2fx", a / b));
  }

  private static void line(String name, long a, long b, String fmt) {
    System.out.printf("%-44s " + fmt + " " + fmt + " %8s%n", name, a, b, b == 0 ? "-" : String.format("%.2fx", (double) a / b));
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
