package io.wirewatch.bench;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import io.wirewatch.model.net.AddressGuard;
import io.wirewatch.notify.Notifier;
import io.wirewatch.notify.NotifyConfig;
import io.wirewatch.notify.channel.Channel;
import io.wirewatch.notify.channel.ChannelsFile;
import io.wirewatch.notify.deliver.Answer;
import io.wirewatch.notify.deliver.DeliveryListener;
import io.wirewatch.notify.deliver.HttpTransport;
import io.wirewatch.notify.deliver.Signature;
import io.wirewatch.notify.event.Event;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench notify}: one notify instance (this JVM, the stage's public API) against a
 * webhook receiver on 127.0.0.1 that answers 200 at once, on the launcher's embedded broker.
 * Throughput: N alerts already on news.alerts, delivered to one signed webhook channel; the
 * baseline is a plain sequential loop of the same signed POSTs with the same HTTP client, no
 * Kafka. Latency: alerts written in Kafka transactions at a steady rate (as the process stage
 * commits them), each timed from the return of its transaction's commit to the receiver's 2xx.
 */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = "Delivery throughput of one notify instance to a local webhook receiver (deliveries/s, against "
        + "a sequential POST loop with the same client) and delivery latency from the alert's commit to the "
        + "receiver's 2xx (p50/p99) at a steady rate, on an embedded broker.")
public final class NotifyBench implements Callable<Integer> {

  private static final int PARTITIONS = 3;
  private static final String SECRET = "whsec_bench";

  private final BenchEnvironment env;

  public NotifyBench(BenchEnvironment env) {
    this.env = env;
  }

  @Option(names = "--alerts", defaultValue = "20000", description = "Alerts of the throughput run (default 20000).")
  int alerts;

  @Option(names = "--rate", defaultValue = "200", description = "Alerts per second of the latency run (default 200).")
  int rate;

  @Option(names = "--window", defaultValue = "30s", description = "Length of the latency run (default 30s).")
  Duration window;

  @Option(names = "--channel-threads", defaultValue = "2", description = "notify.channel.threads (default 2, the default).")
  int channelThreads;

  /** The receiver: answers 200 at once and notes when it answered each idempotency key. */
  private static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final ExecutorService threads = Executors.newFixedThreadPool(8);
    final Map<String, Long> answeredNanos = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
      server.setExecutor(threads);
      server.createContext("/hook", ex -> {
        ex.getRequestBody().readAllBytes();
        String id = ex.getRequestHeaders().getFirst("X-Wirewatch-Id");
        ex.sendResponseHeaders(200, -1);
        ex.close();
        if (id != null) {
          answeredNanos.putIfAbsent(id, System.nanoTime());
        }
        requests.incrementAndGet();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("wirewatch-bench-notify");
    NotifyConfig config = NotifyConfig.from(Settings.builder().defaultsResource(NotifyConfig.DEFAULTS).overrides(Map.of(
        "notify.allow-addresses", "127.0.0.1",
        "notify.channel.threads", String.valueOf(channelThreads),
        "notify.group-id", "bench-notify")).build());
    try (BenchEnvironment.Broker broker = env.startBroker(dir.resolve("broker")); Receiver receiver = new Receiver()) {
      List<Channel> channels = ChannelsFile.parse("channels: [{id: bench, type: webhook, url: '" + receiver.url()
          + "', secret: " + SECRET + "}]", "bench", name -> null);

      // Warm-up, not measured: the HTTP client, the receiver and the JIT see a few thousand POSTs
      // first, so that neither of the two runs below pays for them.
      baseline(config, receiver, warmUp(Math.min(alerts, 5_000)), "warmup-");
      receiver.answeredNanos.clear();

      // Throughput: N alerts waiting, one instance delivers them all.
      Topics t1 = Topics.withPrefix("bench-throughput.");
      TopicCreator.ensure(broker.bootstrapServers(), t1, PARTITIONS, (short) 1);
      List<Alert> batch = new ArrayList<>();
      for (int i = 0; i < alerts; i++) {
        batch.add(alert(i));
      }
      try (KafkaProducer<String, Alert> p = producer(broker.bootstrapServers(), t1.alerts(), null)) {
        for (Alert a : batch) {
          p.send(new ProducerRecord<>(t1.alerts().name(), a.key(), a));
        }
        p.flush();
      }
      long t0 = System.nanoTime();
      try (Notifier n = Notifier.toKafka(broker.bootstrapServers(), config, t1, channels, Clock.systemUTC(),
          DeliveryListener.NONE)) {
        n.start();
        waitFor(() -> receiver.answeredNanos.size() >= alerts, Duration.ofMinutes(10), "every alert delivered");
      }
      long[] answered = receiver.answeredNanos.values().stream().mapToLong(Long::longValue).sorted().toArray();
      double notifyRate = (alerts - 1) / ((answered[answered.length - 1] - answered[0]) / 1e9);
      double startToEnd = (answered[answered.length - 1] - t0) / 1e9;

      // Baseline: the same signed POSTs, one after the other, same client, no Kafka.
      receiver.answeredNanos.clear();
      double baselineRate = baseline(config, receiver, batch, "baseline-");

      // Latency: alerts committed in transactions every 100 ms at a steady rate.
      receiver.answeredNanos.clear();
      Topics t2 = Topics.withPrefix("bench-latency.");
      TopicCreator.ensure(broker.bootstrapServers(), t2, PARTITIONS, (short) 1);
      Map<String, Long> committedNanos = new ConcurrentHashMap<>();
      int perBatch = Math.max(1, rate / 10);
      int batches = (int) (window.toMillis() / 100);
      try (Notifier n = Notifier.toKafka(broker.bootstrapServers(), config, t2, channels, Clock.systemUTC(),
          DeliveryListener.NONE);
          KafkaProducer<String, Alert> p = producer(broker.bootstrapServers(), t2.alerts(), "bench-notify-latency")) {
        n.start();
        p.initTransactions();
        Thread.sleep(5_000); // the instance has joined its group and been assigned the partitions
        long next = System.nanoTime();
        int k = alerts;
        for (int b = 0; b < batches; b++) {
          next += 100_000_000L;
          List<String> ids = new ArrayList<>();
          p.beginTransaction();
          for (int i = 0; i < perBatch; i++) {
            Alert a = alert(k++);
            ids.add(Event.of(a).id());
            p.send(new ProducerRecord<>(t2.alerts().name(), a.key(), a));
          }
          p.commitTransaction();
          long committed = System.nanoTime();
          ids.forEach(id -> committedNanos.put(id, committed));
          long sleep = next - System.nanoTime();
          if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
          }
        }
        waitFor(() -> receiver.answeredNanos.keySet().containsAll(committedNanos.keySet()), Duration.ofMinutes(2),
            "every timed alert delivered");
      }
      long[] latencies = committedNanos.entrySet().stream()
          .mapToLong(e -> receiver.answeredNanos.get(e.getKey()) - e.getValue()).sorted().toArray();
      long early = Arrays.stream(latencies).filter(l -> l < 0).count();

      System.out.printf("bench notify: one notify instance (in this JVM) -> a webhook receiver on 127.0.0.1 "
          + "answering 200 at once; signed webhook channel, notify.channel.threads=%d; embedded broker, "
          + "%d partitions%n%n", channelThreads, PARTITIONS);
      System.out.printf("%-58s %12s %12s %8s%n", "throughput", "notify", "baseline", "ratio");
      System.out.printf("%-58s %12.0f %12.0f %7.2fx%n", "deliveries/s (" + alerts + " alerts waiting on news.alerts)",
          notifyRate, baselineRate, notifyRate / baselineRate);
      System.out.printf("%-58s %12.1f%n", "s from notify's start to the last delivery", startToEnd);
      System.out.printf("baseline: the same signed POSTs in a sequential loop with the same client, no Kafka%n%n");
      System.out.printf("latency from the alert's transaction commit to the receiver's 2xx (%d alerts, %d/s in "
          + "transactions every 100 ms, %s)%n", latencies.length, perBatch * 10, Settings.format(window));
      System.out.printf("  p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   max %6.1f ms%s%n", pct(latencies, 50),
          pct(latencies, 90), pct(latencies, 99), latencies[latencies.length - 1] / 1e6,
          early > 0 ? "   (" + early + " answered before the producer's commit call returned)" : "");
    }
    return 0;
  }

  /** The same signed POSTs as notify sends, one after the other with the same client: deliveries/s. */
  private static double baseline(NotifyConfig config, Receiver receiver, List<Alert> batch, String idPrefix) {
    try (HttpTransport http = new HttpTransport(config.http(),
        new AddressGuard(NotifyConfig.ALLOW_ADDRESSES, config.allowAddresses()), Clock.systemUTC())) {
      URI url = URI.create(receiver.url());
      long b0 = System.nanoTime();
      for (Alert a : batch) {
        Event e = Event.of(a);
        long ts = Instant.now().getEpochSecond();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Wirewatch-Event", e.type().wireName());
        h.put("X-Wirewatch-Id", idPrefix + e.id());
        h.put("X-Wirewatch-Timestamp", Long.toString(ts));
        h.put("X-Wirewatch-Signature", Signature.sign(SECRET.getBytes(StandardCharsets.UTF_8), ts, e.json()));
        Answer r = http.post(url, h, e.json());
        if (!r.delivered()) {
          throw new IllegalStateException("baseline POST failed: " + r.problem());
        }
      }
      return batch.size() / ((System.nanoTime() - b0) / 1e9);
    }
  }

  private static List<Alert> warmUp(int n) {
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(alert(-1 - i));
    }
    return out;
  }

  private static double pct(long[] sorted, double p) {
    return Percentile.of(sorted, p / 100.0) / 1e6;
  }

  private static Alert alert(int i) {
    Instant now = Instant.now();
    String article = String.format("%032x", i & 0xffffffffL) + (i < 0 ? "w" : "");
    return new Alert(i % 2 == 0 ? "sanctions" : "liaison-office", 1, i % 3 == 0 ? "critical" : "warning", article,
        "https://news.example/" + i, "Synthetic headline " + i, "bench", now, List.of("sanctions"),
        "new «sanctions» announced on Friday against the regime", List.of("sanctions"), List.of("KP", "US"),
        "fp-" + i, 1, List.of("bench"), now, now, null);
  }

  private static KafkaProducer<String, Alert> producer(String bootstrap, Topic<String, Alert> t, String txId) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    if (txId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
    }
    return new KafkaProducer<>(p, t.keySerde().serializer(), t.valueSerde().serializer());
  }

  private static void waitFor(java.util.function.BooleanSupplier c, Duration max, String what) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
