package io.wirewatch.bench;

import io.wirewatch.ingest.fetch.HtmlPage;
import io.wirewatch.ingest.fetch.SavedPages;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import io.wirewatch.process.ProcessService;
import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.clean.UnreadablePageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jsoup.Jsoup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench pipeline --corpus DIR}: the process stage end to end on a real broker. N
 * raw articles (saved pages, each under a URL of its own) are preloaded into {@code news.raw} on the
 * embedded broker of this JVM; {@code wirewatch process} runs in child JVMs, as a user runs it, and
 * drains them. Reported: articles/s (steady, and including start-up), articles per CPU-second of
 * the process JVMs, their peak RSS, and write-to-article latency at half the drain rate; in the same
 * run, the cleaner alone and Jsoup's parse alone over the same pages on one thread, with the
 * pipeline's rate as a share of each.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Preloads N raw articles (saved pages from --corpus, distinct URLs) on the embedded broker, "
        + "runs `wirewatch process` in K child JVMs until they are drained, and prints articles/s, articles "
        + "per CPU-second, peak RSS and p50/p99 write-to-article latency at half that rate, next to the "
        + "cleaner alone and Jsoup parse alone over the same pages in this JVM.")
public final class PipelineBench implements Callable<Integer> {

  private static final int PARTITIONS = 3;
  private static final String PREFIX = "bench-pipe.";

  private final BenchEnvironment env;

  public PipelineBench(BenchEnvironment env) {
    this.env = env;
  }

  @Option(names = "--corpus", required = true, paramLabel = "DIR",
      description = "Saved pages (.html, .html.gz; directories walked), e.g. the Zyte benchmark's html/ folder.")
  Path corpus;

  @Option(names = "--articles", defaultValue = "2000", description = "Raw articles preloaded (default ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--instances", defaultValue = "1", description = "Process instances, each a child JVM (default ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--latency-seconds", defaultValue = "30",
      description = "How long articles are written at half the drain rate to measure latency; 0 skips it (default ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--process-java-opts", paramLabel = "OPTS",
      description = "JVM options of the process JVMs, space-separated (WIREWATCH_JAVA_OPTS sets the bench's own "
          + "JVM only). Default: the process stage's own, as bin/wirewatch process starts it: "
          + ProcessService.JVM_OPTIONS_LINE + ".")
  String processJavaOpts;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting for the process JVMs, e.g. process.threads=2. Repeatable.")
  Map<String, String> extra = new LinkedHashMap<>();

  @Option(names = "--profile", description = "Record the process JVM with Java Flight Recorder and print where its CPU goes.")
  boolean profile;

  @Override
  public Integer call() throws Exception {
    if (articles < 1 || instances < 1) {
      throw new InvalidInputException("--articles and --instances must be at least 1");
    }
    List<Path> files = SavedPages.expand(List.of(corpus));
    if (files.isEmpty()) {
      throw new InvalidInputException("--corpus: no .html or .html.gz pages under " + corpus);
    }
    List<HtmlPage> pages = new ArrayList<>();
    for (Path f : files) {
      pages.add(SavedPages.decode(f, "https://bench.example/" + f.getFileName()));
    }
    Baselines base = baselines(pages);
    List<String> jvm = new ArrayList<>(processJavaOpts == null ? ProcessService.JVM_OPTIONS
        : List.of(processJavaOpts.trim().split("\\s+")));
    Path dir = Files.createTempDirectory("wirewatch-bench-pipeline");
    if (profile) {
      jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + dir.resolve("process-0.jfr"));
    }
    Topics topics = Topics.withPrefix(PREFIX);
    Drain drain;
    Latency latency = null;
    try (BenchEnvironment.Broker broker = env.startBroker(dir.resolve("broker"))) {
      String bootstrap = broker.bootstrapServers();
      TopicCreator.ensure(bootstrap, topics, PARTITIONS, (short) 1);
      Outputs outputs = new Outputs(bootstrap, topics);
      Thread reader = new Thread(outputs, "bench-output-reader");
      reader.start();
      try (KafkaProducer<String, RawArticle> producer = producer(bootstrap, topics)) {
        long t0 = System.nanoTime();
        for (int i = 0; i < articles; i++) {
          send(producer, topics, pages.get(i % pages.size()), "preload-" + i, outputs);
        }
        producer.flush();
        System.out.printf(Locale.ROOT, "preloaded %d raw articles from %d pages in %.1f s%n", articles, pages.size(),
            (System.nanoTime() - t0) / 1e9);
        List<ChildCommand> children = new ArrayList<>();
        try {
          long start = System.nanoTime();
          for (int k = 0; k < instances; k++) {
            List<String> opts = new ArrayList<>(jvm);
            if (profile && k > 0) {
              opts.replaceAll(o -> o.replace("process-0.jfr", "process-" + children.size() + ".jfr"));
            }
            children.add(ChildCommand.start(env, "process", bootstrap, settings(dir), opts,
                dir.resolve("process-" + k + ".log")));
          }
          drain = drain(children, outputs, start);
          if (latencySeconds > 0) {
            latency = latency(producer, topics, pages, outputs, drain.steadyRate / 2, children);
          }
        } finally {
          for (ChildCommand c : children) {
            c.close();
          }
        }
      } finally {
        outputs.stop();
        reader.join(10_000);
      }
    }
    print(base, drain, latency, jvm);
    if (profile) {
      System.out.println();
      JfrSummary.print(dir.resolve("process-0.jfr"), System.out);
    }
    return 0;
  }

  private Map<String, String> settings(Path dir) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("app.topics.prefix", PREFIX);
    s.put("app.topics.partitions", String.valueOf(PARTITIONS));
    s.put("process.application-id", "bench-pipeline");
    s.put("process.state-dir", dir.resolve("state").toString());
    s.putAll(extra);
    return s;
  }

  private static KafkaProducer<String, RawArticle> producer(String bootstrap, Topics topics) {
    // As ingest writes: compressed, idempotent, every replica.
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8_388_608),
        topics.raw().keySerde().serializer(), topics.raw().valueSerde().serializer());
  }

  private static void send(KafkaProducer<String, RawArticle> producer, Topics topics, HtmlPage page, String tag,
      Outputs outputs) {
    String url = "https://bench.example/" + tag + "/" + page.canonicalUrl().getPath().replaceAll("^/+", "");
    RawArticle raw = new RawArticle(ArticleId.of(url), "bench", url, null, null, null, "text/html", page.html(),
        ArticleId.contentHash(page.html()));
    outputs.written.put(raw.id(), System.nanoTime());
    producer.send(new ProducerRecord<>(topics.raw().name(), raw.id(), raw));
  }

  /** Figures of the drain of the preloaded articles. */
  record Drain(double steadyRate, double withStartRate, double articlesPerCpuSecond, double steadyPerCpuSecond,
      double warmRate, double warmPerCpuSecond, double firstOutputSeconds, long peakRssKb, int articles,
      int deadLetters) {}

  private Drain drain(List<ChildCommand> children, Outputs outputs, long start) throws InterruptedException {
    long deadline = start + TimeUnit.MINUTES.toNanos(30);
    long cpuAtFirst = -1;
    long firstAt = -1;
    long cpuAtHalf = -1;
    int reported = 0;
    outputs.halfMark = Math.max(1, articles / 2);
    while (outputs.done.size() < articles) {
      children.forEach(ChildCommand::checkAlive);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the process stage did not drain " + articles + " articles in 30 minutes; "
            + outputs.done.size() + " done; see " + children.get(0).log());
      }
      if (firstAt < 0 && !outputs.done.isEmpty()) {
        firstAt = outputs.firstAt;
        cpuAtFirst = cpu(children);
      }
      if (cpuAtHalf < 0 && outputs.halfAt >= 0) {
        cpuAtHalf = cpu(children); // sampled every 50 ms: a few ms of CPU off over a half of 10 s or more
      }
      int n = outputs.done.size();
      if (n - reported >= Math.max(1, articles / 10)) {
        System.out.printf(Locale.ROOT, "  %d of %d processed%n", n, articles);
        reported = n;
      }
      Thread.sleep(50);
    }
    long lastAt = outputs.lastAt;
    long cpuTotal = cpu(children);
    long peak = children.stream().mapToLong(ChildCommand::peakRssKb).max().orElse(-1);
    if (firstAt < 0) {
      firstAt = outputs.firstAt;
      cpuAtFirst = cpuTotal;
    }
    double steadySeconds = Math.max(1e-9, (lastAt - firstAt) / 1e9);
    double totalSeconds = (lastAt - start) / 1e9;
    int outputsAfterFirst = Math.max(1, articles - 1);
    // The second half of the drain: the JIT has compiled the hot paths by then, as it had for the
    // cleaner-alone rate, which is measured after a warm-up round.
    int secondHalf = Math.max(1, articles - outputs.halfMark);
    long halfAt = outputs.halfAt < 0 ? firstAt : outputs.halfAt;
    if (cpuAtHalf < 0) {
      cpuAtHalf = cpuAtFirst;
    }
    return new Drain(outputsAfterFirst / steadySeconds, articles / totalSeconds, articles / (cpuTotal / 1e9),
        outputsAfterFirst / Math.max(1e-9, (cpuTotal - cpuAtFirst) / 1e9),
        secondHalf / Math.max(1e-9, (lastAt - halfAt) / 1e9),
        secondHalf / Math.max(1e-9, (cpuTotal - cpuAtHalf) / 1e9), (firstAt - start) / 1e9, peak,
        outputs.articles.size(), outputs.deadLetters.size());
  }

  private static long cpu(List<ChildCommand> children) {
    return children.stream().mapToLong(ChildCommand::cpuNanos).sum();
  }

  record Latency(double rate, int measured, double p50Ms, double p99Ms, double maxMs) {}

  /** Writes at {@code rate} for the configured time and measures each article's write-to-article time. */
  private Latency latency(KafkaProducer<String, RawArticle> producer, Topics topics, List<HtmlPage> pages,
      Outputs outputs, double rate, List<ChildCommand> children) throws InterruptedException {
    outputs.latencies.clear();
    outputs.measure = true;
    long intervalNanos = (long) (1e9 / Math.max(1, rate));
    long next = System.nanoTime();
    long end = next + TimeUnit.SECONDS.toNanos(latencySeconds);
    int sent = 0;
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      if (now < next) {
        Thread.sleep(Math.max(0, (next - now) / 1_000_000), (int) ((next - now) % 1_000_000));
        continue;
      }
      send(producer, topics, pages.get(sent % pages.size()), "latency-" + sent, outputs);
      producer.flush(); // each record on its way now: the latency measured is the pipeline's, not the batching's
      sent++;
      next += intervalNanos;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (outputs.latencies.size() < sent && System.nanoTime() < deadline) {
      children.forEach(ChildCommand::checkAlive);
      Thread.sleep(50);
    }
    List<Long> l = new ArrayList<>(outputs.latencies);
    Collections.sort(l);
    if (l.isEmpty()) {
      return new Latency(rate, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Latency(rate, l.size(), l.get(l.size() / 2) / 1e6,
        Percentile.of(l, 0.99) / 1e6, l.get(l.size() - 1) / 1e6);
  }

  /**
   * Rates of the cleaner and of Jsoup's parse alone, by wall clock and by the CPU time of the
   * thread that ran them: the second is what other jobs on the machine disturb least.
   */
  record Baselines(double cleanerPagesPerSecond, double parsePagesPerSecond, double cleanerPagesPerCpuSecond,
      double parsePagesPerCpuSecond, int refused) {}

  /** The cleaner alone and Jsoup's parse alone over the same pages, one thread, after a warm-up. */
  private Baselines baselines(List<HtmlPage> pages) {
    ArticleCleaner cleaner = new ArticleCleaner();
    int n = Math.min(articles, Math.max(pages.size() * 3, 500));
    long sink = 0;
    int refused = 0;
    for (int round = 0; round < 2; round++) { // the first round warms the JIT up
      long t0 = System.nanoTime();
      long c0 = threadCpu();
      refused = 0;
      for (int i = 0; i < n; i++) {
        HtmlPage p = pages.get(i % pages.size());
        try {
          sink += cleaner.clean(p.html(), p.canonicalUrl().toString()).text().length();
        } catch (UnreadablePageException e) {
          refused++;
        }
      }
      if (round == 1) {
        double cleanRate = n / ((System.nanoTime() - t0) / 1e9);
        double cleanCpuRate = n / ((threadCpu() - c0) / 1e9);
        long t1 = System.nanoTime();
        long c1 = threadCpu();
        for (int i = 0; i < n; i++) {
          HtmlPage p = pages.get(i % pages.size());
          sink += Jsoup.parse(p.html(), p.canonicalUrl().toString()).childNodeSize();
        }
        double parseRate = n / ((System.nanoTime() - t1) / 1e9);
        double parseCpuRate = n / ((threadCpu() - c1) / 1e9);
        if (sink == 42) {
          System.out.print(""); // keeps the work from being optimised away
        }
        return new Baselines(cleanRate, parseRate, cleanCpuRate, parseCpuRate, refused);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static long threadCpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private void print(Baselines b, Drain d, Latency l, List<String> jvm) {
    System.out.println();
    System.out.printf(Locale.ROOT, "bench pipeline: %d raw articles, %d process instance(s) in child JVMs (%s), "
        + "%d partitions%n%n", articles, instances, String.join(" ", jvm), PARTITIONS);
    System.out.printf(Locale.ROOT, "%-54s %12s%n", "", "value");
    row("articles/s, steady (first to last output)", d.steadyRate);
    row("articles/s, including start-up", d.withStartRate);
    row("articles per CPU-second of the process JVMs, steady", d.steadyPerCpuSecond);
    row("articles per CPU-second, including start-up", d.articlesPerCpuSecond);
    row("articles/s, warm (second half of the outputs)", d.warmRate);
    row("articles per CPU-second, warm", d.warmPerCpuSecond);
    row("seconds from start to the first article", d.firstOutputSeconds);
    System.out.printf(Locale.ROOT, "%-54s %12d%n", "peak RSS of a process JVM, MB (VmHWM)", d.peakRssKb / 1024);
    System.out.printf(Locale.ROOT, "%-54s %12s%n", "outputs: articles / dead letters",
        d.articles + " / " + d.deadLetters);
    if (l != null) {
      System.out.printf(Locale.ROOT, "%-54s %12s%n", "write-to-article latency at " + Math.round(l.rate) + " articles/s",
          l.measured + " measured");
      row("  p50 ms", l.p50Ms);
      row("  p99 ms", l.p99Ms);
      row("  max ms", l.maxMs);
    }
    System.out.printf(Locale.ROOT, "%nsame pages, this JVM, one thread:%n");
    row("cleaner alone, pages/s", b.cleanerPagesPerSecond);
    row("Jsoup parse alone, pages/s", b.parsePagesPerSecond);
    row("pipeline steady rate / cleaner alone", d.steadyRate / b.cleanerPagesPerSecond);
    row("pipeline warm rate / cleaner alone (both warmed up)", d.warmRate / b.cleanerPagesPerSecond);
    row("pipeline steady rate / Jsoup parse alone", d.steadyRate / b.parsePagesPerSecond);
    row("cleaner alone, pages per CPU-second of its thread", b.cleanerPagesPerCpuSecond);
    row("Jsoup parse alone, pages per CPU-second", b.parsePagesPerCpuSecond);
    row("pipeline articles per CPU-second / cleaner's", d.steadyPerCpuSecond / b.cleanerPagesPerCpuSecond);
    row("pipeline warm articles per CPU-second / cleaner's", d.warmPerCpuSecond / b.cleanerPagesPerCpuSecond);
  }

  private static void row(String name, double v) {
    System.out.printf(Locale.ROOT, "%-54s %12.2f%n", name, v);
  }

  /**
   * What the process stage wrote, read as any consumer reads it ({@code read_committed}): which raw
   * records are done (an article or a dead letter), when, and how long after they were written.
   */
  private static final class Outputs implements Runnable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    final ConcurrentMap<String, Long> written = new ConcurrentHashMap<>();
    final Set<String> done = ConcurrentHashMap.newKeySet();
    final Set<String> articles = ConcurrentHashMap.newKeySet();
    final Set<String> deadLetters = ConcurrentHashMap.newKeySet();
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    volatile boolean measure;
    volatile long firstAt = -1;
    volatile long lastAt = -1;
    /** How many outputs make the first half of a drain, and when the last of them came. */
    volatile int halfMark = Integer.MAX_VALUE;
    volatile long halfAt = -1;
    private volatile boolean running = true;

    Outputs(String bootstrap, Topics topics) {
      this.topics = topics;
      this.consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
          new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> parts = new ArrayList<>();
      for (String t : List.of(topics.articles().name(), topics.deadLetter().name())) {
        for (int p = 0; p < PARTITIONS; p++) {
          parts.add(new TopicPartition(t, p));
        }
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
    }

    @Override
    public void run() {
      try {
        while (running) {
          consumer.poll(Duration.ofMillis(100)).forEach(r -> {
            long now = System.nanoTime();
            // Articles and the dead letters of raw records are both keyed by the article id.
            String id = r.key();
            if (id == null || !written.containsKey(id)) {
              return; // a dead letter of another stage (a rule), not a raw record's outcome
            }
            (r.topic().equals(topics.articles().name()) ? articles : deadLetters).add(id);
            if (done.add(id)) {
              if (firstAt < 0) {
                firstAt = now;
              }
              lastAt = now;
              if (halfAt < 0 && done.size() >= halfMark) {
                halfAt = now;
              }
              Long at = written.get(id);
              if (measure && at != null) {
                latencies.add(now - at);
              }
            }
          });
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
