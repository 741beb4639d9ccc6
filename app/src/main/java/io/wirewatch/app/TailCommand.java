package io.wirewatch.app;

import io.wirewatch.model.Json;
import io.wirewatch.model.Topic;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirewatch tail TOPIC}: prints a topic's records as JSON lines. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Prints the records of a Wirewatch topic as JSON lines {\"key\", \"partition\", "
        + "\"offset\", \"value\"} on stdout. Reads committed records only. Without --bootstrap-servers it "
        + "reads the broker of a running `wirewatch run` on the same data directory.")
final class TailCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Parameters(paramLabel = "TOPIC", description = "news.raw, news.articles, news.stories, news.alerts, news.dead-letter, news.sources, news.source-status, news.seen or news.rules")
  String topicName;

  @Mixin
  BrokerOptions broker;

  @Option(names = "--from-beginning", description = "Start at the oldest record instead of new ones.")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records. Default: no limit.")
  long max = Long.MAX_VALUE;

  @Option(names = "--idle", paramLabel = "DURATION", description = "Stop after this long without a record, e.g. 10s. Default: never.")
  Duration idle;

  @Override
  public Integer call() {
    AppConfig app = AppConfig.from(common.settings(broker.overrides()));
    Topic<String, ?> topic = app.topics().byName(topicName);
    String bootstrapServers = broker.bootstrapServers(app);
    Duration idleLimit = idle;
    PrintStream out = System.out;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // A throwaway group: tailing must not move any real consumer's offsets.
        ConsumerConfig.GROUP_ID_CONFIG, "wirewatch-tail-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long seen = 0;
      long lastRecord = System.nanoTime();
      while (seen < max) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> r : records) {
          out.println(line(r));
          if (++seen >= max) {
            break;
          }
        }
        if (!records.isEmpty()) {
          lastRecord = System.nanoTime();
        } else if (idleLimit != null && System.nanoTime() - lastRecord > idleLimit.toNanos()) {
          break;
        }
      }
      out.flush();
    }
    return 0;
  }

  /** Values are already JSON on every Wirewatch topic; a value that is not is shown as a string. */
  private static String line(ConsumerRecord<String, byte[]> r) {
    var node = Json.MAPPER.createObjectNode();
    node.put("key", r.key());
    node.put("partition", r.partition());
    node.put("offset", r.offset());
    if (r.value() == null) {
      node.putNull("value");
    } else {
      try {
        node.set("value", Json.MAPPER.readTree(r.value()));
      } catch (java.io.IOException notJson) {
        node.put("value", new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return node.toString();
  }
}
