package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.model.Alert;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Json;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import io.wirewatch.notify.Notifier;
import io.wirewatch.notify.NotifyConfig;
import io.wirewatch.notify.channel.ChannelsFile;
import io.wirewatch.notify.dead.FailedDelivery;
import io.wirewatch.notify.deliver.DeliveryListener;
import io.wirewatch.notify.deliver.Signature;
import io.wirewatch.notify.event.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notify stage on a real broker, delivering to a webhook receiver on 127.0.0.1: retries with
 * one idempotency key and a valid signature, a dead channel that holds up no other and ends in a
 * dead letter (then replayed), and a {@code wirewatch notify} process killed with SIGKILL between
 * its deliveries and its commit.
 */
class NotifyIT {

  private static final String PREFIX = "notify-it.";
  private static final Topics TOPICS = Topics.withPrefix(PREFIX);
  private static final String SECRET = "whsec_it_0123456789";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private EmbeddedKafka broker;
  private WebhookReceiver receiver;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 3, (short) 1);
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    receiver.close();
    broker.close();
  }

  private static Alert alert(String rule, String article, String severity, int count, Instant updatedAt) {
    Instant raised = Instant.now().minusSeconds(60);
    return new Alert(rule, 1, severity, article, "https://news.example/" + article, "Headline " + article, "wire",
        raised, List.of("sanctions"), "new «sanctions» on Friday", List.of("sanctions"), List.of("KP"), "fp-" + article,
        count, List.of("wire"), raised, updatedAt == null ? raised : updatedAt, null);
  }

  private void write(Alert... alerts) throws Exception {
    Topic<String, Alert> t = TOPICS.alerts();
    try (KafkaProducer<String, Alert> p = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), t.keySerde().serializer(),
        t.valueSerde().serializer())) {
      for (Alert a : alerts) {
        p.send(new ProducerRecord<>(t.name(), a.key(), a)).get();
        io.wirewatch.model.contract.TopicContracts.assertValid(t, t.valueSerde().serializer().serialize(t.name(), a));
      }
    }
  }

  private Path channels(String yaml) throws Exception {
    Path f = dir.resolve("channels-" + System.nanoTime() + ".yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static Map<String, String> settings(String group, Map<String, String> extra) {
    Map<String, String> s = new HashMap<>(Map.of(
        "notify.allow-addresses", "127.0.0.1",
        "notify.group-id", group,
        "notify.replay.group-id", group + "-replay",
        "notify.retry.initial-backoff", "100ms",
        "notify.retry.max-backoff", "1s",
        "notify.commit-interval", "200ms"));
    s.putAll(extra);
    return s;
  }

  private Notifier notifier(Path channelsFile, Map<String, String> settings) {
    NotifyConfig config = NotifyConfig.from(Settings.builder().defaultsResource(NotifyConfig.DEFAULTS)
        .overrides(settings).build());
    Notifier n = Notifier.toKafka(broker.bootstrapServers(), config, TOPICS, ChannelsFile.read(channelsFile),
        Clock.systemUTC(), DeliveryListener.NONE);
    open.add(n);
    n.start();
    return n;
  }

  @Test
  void retriesUntilAcceptedOncePerAlertUnderOneKeyWithAValidSignature() throws Exception {
    // 500, then 429 with Retry-After: 1, then 200, for every event
    receiver.on("/hook", (id, n) -> n == 1 ? WebhookReceiver.Reply.of(500)
        : n == 2 ? new WebhookReceiver.Reply(429, Map.of("Retry-After", "1")) : WebhookReceiver.Reply.of(200));
    Path file = channels("""
        channels:
          - id: siem
            type: webhook
            url: %s
            secret: ${IT_SECRET}
        """.formatted(receiver.url("/hook")).replace("${IT_SECRET}", SECRET));
    List<Alert> alerts = List.of(alert("sanctions", "a1", "warning", 1, null),
        alert("sanctions", "a2", "warning", 1, null), alert("liaison-office", "a1", "critical", 1, null));
    write(alerts.toArray(Alert[]::new));
    Notifier n = notifier(file, settings("notify-it-retry", Map.of()));

    await(() -> receiver.accepted("/hook").size() == 3, "three accepted deliveries");
    for (Alert a : alerts) {
      String id = Event.of(a).id();
      List<WebhookReceiver.Request> tries = receiver.at("/hook").stream().filter(r -> r.id().equals(id)).toList();
      assertThat(tries).extracting(WebhookReceiver.Request::status).containsExactly(500, 429, 200);
      for (WebhookReceiver.Request r : tries) {
        assertThat(r.event()).isEqualTo("alert.raised");
        assertThat(Signature.verify(SECRET.getBytes(StandardCharsets.UTF_8), Long.parseLong(r.timestamp()), r.body(),
            r.signature())).as("signature of %s", a.key()).isTrue();
        assertThat(Json.MAPPER.readValue(r.body(), Alert.class)).isEqualTo(a);
      }
      assertThat(Duration.ofNanos(tries.get(2).nanos() - tries.get(1).nanos())).as("Retry-After: 1 honoured")
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
    assertThat(receiver.requests.stream().map(WebhookReceiver.Request::id).distinct()).hasSize(3);
    awaitCommittedToTheEnd("notify-it-retry");

    // Updates: the same severity is held back, a rise to critical is delivered once.
    Alert first = alerts.get(0);
    Alert same = alert("sanctions", "a1", "warning", 2, Instant.now());
    Alert rise = alert("sanctions", "a1", "critical", 3, Instant.now().plusSeconds(1));
    write(same, rise);
    await(() -> receiver.accepted("/hook").size() == 4, "the severity rise delivered");
    awaitCommittedToTheEnd("notify-it-retry");
    assertThat(receiver.accepted("/hook")).filteredOn(r -> r.event().equals("alert.updated"))
        .singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(Event.of(rise).id()));
    assertThat(receiver.at("/hook")).noneMatch(r -> r.id().equals(Event.of(same).id()));
    assertThat(first.key()).isEqualTo(rise.key());
    assertThat(n.failure()).isNotDone();
  }

  @Test
  void aReceiverThatNeverAnswersEndsInOneDeadLetterWhileTheOtherChannelGetsEverything() throws Exception {
    AtomicBoolean silent = new AtomicBoolean(true);
    receiver.on("/silent", (id, n) -> silent.get() ? null : WebhookReceiver.Reply.of(200));
    receiver.on("/slack", (id, n) -> WebhookReceiver.Reply.of(200));
    Path file = channels("""
        channels:
          - id: dead-end
            type: webhook
            url: %s
            rules: [liaison-office]
          - id: ops
            type: slack
            url: %s
        """.formatted(receiver.url("/silent"), receiver.url("/slack")));
    Alert liaison = alert("liaison-office", "k1", "critical", 1, null);
    write(alert("sanctions", "k1", "warning", 1, null), liaison, alert("sanctions", "k2", "warning", 1, null));
    notifier(file, settings("notify-it-dead", Map.of("notify.http.request-timeout", "2s",
        "notify.retry.max-attempts", "2")));

    await(() -> receiver.accepted("/slack").size() == 3, "every alert on the other channel");
    assertThat(deadLetters()).as("the dead channel is still trying: it held nothing up").isEmpty();
    Thread.sleep(1_000); // five commit intervals
    assertThat(deadLetters()).isEmpty();
    long endOfLiaison = committedOffsets("notify-it-dead").values().stream().mapToLong(Long::longValue).sum();
    assertThat(endOfLiaison).as("the commit stops at the event the dead channel still holds").isLessThan(3);
    await(() -> deadLetters().size() == 1, "one notify.deliver dead letter");
    awaitCommittedToTheEnd("notify-it-dead");
    DeadLetter d = deadLetters().get(0);
    assertThat(d.subject()).isEqualTo(liaison.key());
    assertThat(d.reason()).startsWith("dead-end: gave up alert.raised after 2 attempt(s): no response within");
    assertThat(d.reason() + d.payload()).doesNotContain("/silent");
    FailedDelivery f = FailedDelivery.parse(d.payload());
    assertThat(f.channel()).isEqualTo("dead-end");
    assertThat(f.status()).isZero();
    assertThat(f.attempts()).isEqualTo(2);
    assertThat(f.id()).isEqualTo(Event.of(liaison).id());
    assertThat(Json.MAPPER.treeToValue(f.body(), Alert.class)).isEqualTo(liaison);
    assertThat(receiver.at("/silent")).hasSize(2);
    assertThat(new String(receiver.accepted("/slack").get(0).body(), StandardCharsets.UTF_8)).contains("attachments");

    // The receiver is back: a replay delivers the letter once, under the same key, and only once.
    silent.set(false);
    String[] replay = {"notify", "--bootstrap-servers", broker.bootstrapServers(), "--channels", file.toString(),
        "--replay-dead-letters", "--set", "app.topics.prefix=" + PREFIX, "--set", "notify.allow-addresses=127.0.0.1",
        "--set", "notify.replay.group-id=notify-it-dead-replay"};
    CommandRun first = CommandRun.of(replay);
    assertThat(first.exitCode).as(first.err).isZero();
    assertThat(first.out).contains("replayed 1 dead letter(s): 1 delivered, 0 given up again");
    assertThat(receiver.accepted("/silent")).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(f.id()));
    CommandRun again = CommandRun.of(replay);
    assertThat(again.out).contains("replayed 0 dead letter(s)");
    assertThat(receiver.accepted("/silent")).hasSize(1);
  }

  @Test
  void killedBetweenDeliveryAndCommitItDeliversAgainUnderTheSameKeys() throws Exception {
    receiver.on("/hook", (id, n) -> WebhookReceiver.Reply.of(200));
    Path file = channels("channels: [{id: siem, type: webhook, url: '%s', secret: '%s'}]"
        .formatted(receiver.url("/hook"), SECRET));
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      alerts.add(alert(i % 2 == 0 ? "sanctions" : "liaison-office", "x" + i, "warning", 1, null));
    }
    write(alerts.toArray(Alert[]::new));

    // Commits far apart: the deliveries happen, the commit does not before the kill.
    Process first = child(file, "notify-it-kill", "10m", dir.resolve("first.log"));
    await(() -> receiver.accepted("/hook").size() == alerts.size(), "every alert delivered by the first process",
        dir.resolve("first.log"));
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(committed("notify-it-kill")).as("nothing committed before the kill").isEmpty();

    Process second = child(file, "notify-it-kill", "200ms", dir.resolve("second.log"));
    await(() -> receiver.accepted("/hook").size() == 2 * alerts.size(), "every alert delivered again",
        dir.resolve("second.log"));
    awaitCommittedToTheEnd("notify-it-kill");
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    Map<String, List<String>> idsByAlert = receiver.accepted("/hook").stream().collect(Collectors.groupingBy(
        r -> readAlert(r.body()).key(), Collectors.mapping(WebhookReceiver.Request::id, Collectors.toList())));
    assertThat(idsByAlert).hasSize(alerts.size());
    idsByAlert.forEach((key, ids) -> {
      assertThat(ids).as(key).hasSize(2);
      assertThat(Set.copyOf(ids)).as("%s: a duplicate key, never a different one", key).hasSize(1);
    });
    assertThat(receiver.accepted("/hook")).allSatisfy(r -> assertThat(Signature.verify(
        SECRET.getBytes(StandardCharsets.UTF_8), Long.parseLong(r.timestamp()), r.body(), r.signature())).isTrue());
  }

  private static Alert readAlert(byte[] body) {
    try {
      return Json.MAPPER.readValue(body, Alert.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code wirewatch notify} in a child JVM, as a user starts it. */
  private Process child(Path channelsFile, String group, String commitInterval, Path log) throws Exception {
    List<String> args = new ArrayList<>(List.of("notify", "--bootstrap-servers", broker.bootstrapServers(),
        "--channels", channelsFile.toString(), "--set", "app.topics.prefix=" + PREFIX));
    settings(group, Map.of("notify.commit-interval", commitInterval)).forEach((k, v) -> {
      args.add("--set");
      args.add(k + "=" + v);
    });
    Process p = new ProcessBuilder(new LauncherEnvironment().childCommand(List.of("-Xmx256m"), args))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    open.add(() -> {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    });
    return p;
  }

  private List<DeadLetter> deadLetters() {
    List<DeadLetter> out = new ArrayList<>();
    Topic<String, DeadLetter> t = TOPICS.deadLetter();
    TopicReplay.replay(broker.bootstrapServers(), t.name(), r -> {
      DeadLetter d = Contracts.read(t, r.value());
      if (d.stage() == Stage.NOTIFY_DELIVER) {
        out.add(d);
      }
    });
    return out;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>(admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get());
      out.keySet().removeIf(tp -> !tp.topic().equals(TOPICS.alerts().name()));
      out.values().removeIf(o -> o == null);
      return out;
    }
  }

  /** The group's committed position per partition of news.alerts (partitions never committed left out). */
  private Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    committed(group).forEach((tp, o) -> out.put(tp, o.offset()));
    return out;
  }

  /** Waits until the group's committed offsets on news.alerts reach the end of every partition. */
  private void awaitCommittedToTheEnd(String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < 3; p++) {
        latest.put(new TopicPartition(TOPICS.alerts().name(), p), OffsetSpec.latest());
      }
      var ends = admin.listOffsets(latest).all().get();
      await(() -> {
        try {
          Map<TopicPartition, OffsetAndMetadata> c = committed(group);
          return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
              || c.get(e.getKey()) != null && c.get(e.getKey()).offset() >= e.getValue().offset());
        } catch (Exception e) {
          return false;
        }
      }, "offsets of " + group + " committed to the end");
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    await(condition, what, null);
  }

  private static void await(BooleanSupplier condition, String what, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String tail = "";
        if (log != null) {
          try {
            tail = "; log:\n" + Files.readString(log);
          } catch (java.io.IOException e) {
            tail = "; no log";
          }
        }
        throw new AssertionError("timed out waiting for " + what + tail);
      }
      Thread.sleep(100);
    }
  }
}
