package io.wirewatch.bench;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Json;
import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench console --alerts 100000 --stories 10000}: the console's memory with that
 * many alerts and stories in its stores. Synthetic alerts and stories of realistic sizes are
 * written through the broker of this JVM; {@code wirewatch console} itself runs in a child JVM with
 * the launcher's JVM options, so that its heap and resident memory are its own. Baseline: the same
 * console, in the same run, over empty topics.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = "Loads N synthetic alerts and M stories into topics of the embedded broker of this JVM, runs "
        + "`wirewatch console` on them in a child JVM, and prints its time to ready, heap after a full GC, resident "
        + "memory and API latencies; baseline: the same console over empty topics, in the same run.")
public final class ConsoleBench implements Callable<Integer> {

  private static final Pattern URL = Pattern.compile("Console: (http://[^/#\\s]+/)");
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Duration READY_WITHIN = Duration.ofMinutes(10);

  private final BenchEnvironment env;

  public ConsoleBench(BenchEnvironment env) {
    this.env = env;
  }

  @Option(names = "--alerts", defaultValue = "100000", description = "Synthetic alerts (default 100000).")
  int alerts;

  @Option(names = "--stories", defaultValue = "10000", description = "Synthetic stories (default 10000).")
  int stories;

  @Option(names = "--rules", defaultValue = "200", description = "Distinct rule ids among the alerts (default 200).")
  int rules;

  @Option(names = "--requests", defaultValue = "50", description = "Requests per API call timed (default 50).")
  int requests;

  @Option(names = "--console-java-opts", paramLabel = "OPTS",
      description = "JVM options of the console process, space-separated. Default: this JVM's heap and GC options, "
          + "i.e. what bin/wirewatch gives `wirewatch console`.")
  String consoleJavaOpts;

  /** What one console showed. Memory in KB, times in ms. */
  record Phase(String name, long alerts, long stories, long readyMs, long heapUsedKb, long rssKb, long peakRssKb,
      Map<String, Double> p50Ms) {}

  @Override
  public Integer call() throws Exception {
    List<String> jvm = consoleJavaOpts == null ? ChildCommand.launcherOptions()
        : List.of(consoleJavaOpts.trim().split("\\s+"));
    Path dir = Files.createTempDirectory("wirewatch-bench-console");
    List<Phase> phases = new ArrayList<>();
    try (BenchEnvironment.Broker broker = env.startBroker(dir.resolve("broker"))) {
      phases.add(phase("empty (baseline)", 0, 0, broker.bootstrapServers(), jvm, dir));
      phases.add(phase("loaded", alerts, stories, broker.bootstrapServers(), jvm, dir));
    }
    print(phases, jvm);
    return 0;
  }

  private Phase phase(String name, int nAlerts, int nStories, String bootstrap, List<String> jvm, Path dir)
      throws Exception {
    String prefix = "bench-console-" + (nAlerts + nStories == 0 ? "empty" : "loaded") + ".";
    Topics topics = Topics.withPrefix(prefix);
    TopicCreator.ensure(bootstrap, topics, 3, (short) 1);
    long t0 = System.nanoTime();
    List<String> storyIds = load(bootstrap, topics, nAlerts, nStories);
    if (nAlerts + nStories > 0) {
      System.out.printf("loaded %d alerts and %d stories in %.1f s%n", nAlerts, nStories, (System.nanoTime() - t0) / 1e9);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("app.topics.prefix", prefix);
    settings.put("console.port", "0");
    settings.put("console.state-dir", dir.resolve(prefix + "state").toString());
    settings.put("console.token-file", dir.resolve(prefix + "token").toString());
    settings.put("console.application-id", prefix + "console");
    Path log = dir.resolve(prefix + "log");
    try (ChildCommand console = ChildCommand.start(env, "console", bootstrap, settings, jvm, log)) {
      long start = System.nanoTime();
      String base = awaitUrl(console, log);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      long deadline = start + READY_WITHIN.toNanos();
      String ready = null;
      while (System.nanoTime() < deadline) {
        console.checkAlive();
        HttpResponse<String> r = get(http, base + "ready");
        if (r.statusCode() == 200 && counts(r.body(), "alerts") == nAlerts && counts(r.body(), "stories") == nStories) {
          ready = r.body();
          break;
        }
        Thread.sleep(100);
      }
      if (ready == null) {
        throw new IllegalStateException("the console did not load " + nAlerts + " alerts and " + nStories
            + " stories within " + READY_WITHIN + "; see " + log);
      }
      long readyMs = (System.nanoTime() - start) / 1_000_000;
      Map<String, Double> latency = new LinkedHashMap<>();
      latency.put("GET /api/alerts?limit=50", p50(http, base + "api/alerts?limit=50"));
      latency.put("GET /api/alerts?rule=rule-7&limit=50", p50(http, base + "api/alerts?rule=rule-7&limit=50"));
      latency.put("GET /api/stories?active=true&limit=50", p50(http, base + "api/stories?active=true&limit=50"));
      latency.put("GET /api/stories?sort=growing&limit=50", p50(http, base + "api/stories?active=true&sort=growing&limit=50"));
      if (!storyIds.isEmpty()) {
        latency.put("GET /api/stories/{id}", p50(http, base + "api/stories/" + storyIds.get(storyIds.size() / 2)));
      }
      long heap = heapAfterFullGc(console.pid());
      return new Phase(name, nAlerts, nStories, readyMs, heap, console.rssKb(), console.peakRssKb(), latency);
    }
  }

  /** Synthetic alerts and stories of the sizes the pipeline writes; returns the story ids. */
  private List<String> load(String bootstrap, Topics topics, int nAlerts, int nStories) throws Exception {
    Random random = new Random(42);
    Instant now = Instant.now();
    List<String> storyIds = new ArrayList<>(nStories);
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      sources.add("source-" + i);
    }
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int s = 0; s < nStories; s++) {
        Story story = story(random, "story-" + s, sources, now);
        storyIds.add(story.id());
        acks.add(send(p, topics.stories(), story.id(), story));
      }
      for (int a = 0; a < nAlerts; a++) {
        String storyId = nStories == 0 ? null : storyIds.get(random.nextInt(nStories));
        Alert alert = alert(random, a, storyId, sources, now);
        acks.add(send(p, topics.alerts(), alert.key(), alert));
        if (acks.size() >= 10_000) {
          awaitAll(acks);
        }
      }
      awaitAll(acks);
    }
    return storyIds;
  }

  private Alert alert(Random r, int n, String storyId, List<String> sources, Instant now) {
    String article = String.format("%032x", r.nextLong() & Long.MAX_VALUE) + n;
    Instant raised = now.minusSeconds(r.nextInt(30 * 86_400));
    String source = sources.get(r.nextInt(sources.size()));
    String[] severities = {"info", "warning", "warning", "critical"};
    String title = "Ministry announces new measures on " + words(r, 6);
    String snippet = "…" + words(r, 14) + " «sanctions» " + words(r, 14) + "…";
    return new Alert("rule-" + r.nextInt(rules), n, severities[r.nextInt(severities.length)], article,
        "https://" + source + ".example/news/2026/" + article, title, source, raised, List.of("sanctions"), snippet,
        List.of("sanctions", "diplomacy"), List.of("KP", "KR", "US"), Long.toHexString(r.nextLong()),
        1 + (r.nextInt(10) == 0 ? r.nextInt(5) : 0), List.of(source), raised, raised, storyId);
  }

  private static Story story(Random r, String id, List<String> sources, Instant now) {
    int size = 1 + r.nextInt(Story.MAX_LATEST);
    Instant last = now.minusSeconds(r.nextInt(7 * 86_400));
    List<Story.StoryArticle> latest = new ArrayList<>(size);
    List<String> from = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String source = sources.get(r.nextInt(sources.size()));
      if (!from.contains(source)) {
        from.add(source);
      }
      String article = String.format("%032x", r.nextLong() & Long.MAX_VALUE);
      latest.add(new Story.StoryArticle(article, "https://" + source + ".example/news/" + article,
          "Headline about " + words(r, 7), source, last.minusSeconds(600L * i)));
    }
    List<Integer> hourly = new ArrayList<>(24);
    for (int h = 0; h < 24; h++) {
      hourly.add(r.nextInt(4));
    }
    return new Story(id, "Story about " + words(r, 8), "en", last.minusSeconds(3600L * (1 + r.nextInt(48))), last,
        size + r.nextInt(50), from.size(), from, latest, List.of("KP", "KR", "US", "CN"),
        List.of("diplomacy", "sanctions"), List.of("liaison", "office", "kaesong", "staff", "border"), hourly,
        r.nextInt(5) == 0 ? last.minusSeconds(1800) : null, r.nextInt(3) == 0);
  }

  private static final String[] VOCABULARY = ("the minister said talks would resume after officials met in the "
      + "capital on friday while analysts expected further measures against shipping companies accused of evading "
      + "restrictions border staff office trade agreement").split(" ");

  private static String words(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(VOCABULARY[r.nextInt(VOCABULARY.length)]);
    }
    return sb.toString();
  }

  private static <V> Future<RecordMetadata> send(KafkaProducer<String, byte[]> p, Topic<String, V> t, String key,
      V value) {
    return p.send(new ProducerRecord<>(t.name(), key, t.valueSerde().serializer().serialize(t.name(), value)));
  }

  private static void awaitAll(List<Future<RecordMetadata>> acks) throws Exception {
    for (Future<RecordMetadata> f : acks) {
      f.get(60, TimeUnit.SECONDS);
    }
    acks.clear();
  }

  /** The console prints its URL once it listens. */
  private static String awaitUrl(ChildCommand console, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      console.checkAlive();
      if (Files.exists(log)) {
        Matcher m = URL.matcher(Files.readString(log));
        if (m.find()) {
          return m.group(1);
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the console printed no URL within 2 minutes; see " + log);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long counts(String readyBody, String store) throws IOException {
    var stores = Json.MAPPER.readTree(readyBody).path("stores");
    return stores.path(store).asLong(-1);
  }

  /** Median time of {@link #requests} calls, after five untimed ones (JIT, caches). */
  private double p50(HttpClient http, String url) throws Exception {
    for (int i = 0; i < 5; i++) {
      check(get(http, url), url);
    }
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      long t = System.nanoTime();
      check(get(http, url), url);
      times.add(System.nanoTime() - t);
    }
    Collections.sort(times);
    return times.get(times.size() / 2) / 1e6;
  }

  private static void check(HttpResponse<String> r, String url) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  /**
   * Heap in use after a full collection, read with the JDK's {@code jcmd}: what the console's stores
   * and indexes keep, without the garbage a sample would catch. -1 when there is no jcmd.
   */
  private static long heapAfterFullGc(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return -1;
    }
    run(jcmd.toString(), String.valueOf(pid), "GC.run");
    Matcher m = HEAP_USED.matcher(run(jcmd.toString(), String.valueOf(pid), "GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return out;
  }

  private void print(List<Phase> phases, List<String> jvm) {
    Phase base = phases.get(0);
    Phase loaded = phases.get(1);
    System.out.printf("%nbench console: `wirewatch console` in a child JVM (%s) over %d alerts and %d stories "
        + "(%d rule ids); baseline: the same console over empty topics%n%n", String.join(" ", jvm), loaded.alerts(),
        loaded.stories(), rules);
    System.out.printf("%-46s %14s %14s %8s%n", "", base.name(), loaded.name(), "ratio");
    line("time to ready (stores restored), ms", base.readyMs(), loaded.readyMs());
    line("heap used after a full GC, MB", base.heapUsedKb() / 1024.0, loaded.heapUsedKb() / 1024.0);
    line("resident memory (VmRSS), MB", base.rssKb() / 1024.0, loaded.rssKb() / 1024.0);
    line("peak resident memory (VmHWM), MB", base.peakRssKb() / 1024.0, loaded.peakRssKb() / 1024.0);
    System.out.printf("%nAPI, median of %d requests, ms%n", requests);
    for (String call : loaded.p50Ms().keySet()) {
      Double b = base.p50Ms().get(call);
      line(call, b == null ? Double.NaN : b, loaded.p50Ms().get(call));
    }
    if (loaded.alerts() > 0) {
      System.out.printf("%nheap per alert or story above the baseline: %.0f bytes%n",
          (loaded.heapUsedKb() - base.heapUsedKb()) * 1024.0 / (loaded.alerts() + loaded.stories()));
    }
  }

  private static void line(String name, double a, double b) {
    System.out.printf("%-46s %14.1f %14.1f %8s%n", name, a, b,
        Double.isNaN(a) || a == 0 ? "-" : String.format("%.2fx", b / a));
  }
}
