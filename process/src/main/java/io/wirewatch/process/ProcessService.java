package io.wirewatch.process;

import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Topics;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Stage;
import io.wirewatch.process.alert.RuleError;
import io.wirewatch.process.alert.RulesFile;
import io.wirewatch.process.alert.RulesTopic;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the process topology as a Kafka Streams application until closed. */
public final class ProcessService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessService.class);

  private final ProcessComponents components;
  private final KafkaStreams streams;

  public ProcessService(String bootstrapServers, ProcessConfig config, Topics topics, Clock clock) {
    this.components = new ProcessComponents(config, topics, clock);
    try {
      seedRules(bootstrapServers, topics, clock);
    } catch (RuntimeException e) {
      components.close();
      throw e;
    }
    Properties props = new Properties();
    props.putAll(config.streams());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    // Raw pages can be large; let the Streams producers write what ingest could write.
    props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 8_388_608);
    this.streams = new KafkaStreams(components.topology(topics), props);
    // Records that fail are already dead letters; an exception reaching here is a bug or a broker
    // problem. Replacing the thread retries from the last commit instead of stopping the app.
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
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
      rulesTopic.publish(valid);
      LOG.info("imported {} rules into {}: {}", valid.size(), topics.rules().name(),
          valid.stream().map(Rule::id).toList());
    }
    if (errors.isEmpty()) {
      return;
    }
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(p, new StringSerializer(),
        topics.deadLetter().valueSerde().serializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (RuleError e : errors) {
        LOG.error("rule {} rejected: {}", e.ruleId(), e.reason());
        sent.add(producer.send(new ProducerRecord<>(topics.deadLetter().name(), e.ruleId(),
            new DeadLetter(Stage.PROCESS_RULE, e.reason(), null, e.ruleId(), null, clock.instant()))));
      }
      for (var f : sent) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reporting rejected rules", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot write rejected rules to " + topics.deadLetter().name(), e.getCause());
    }
  }

  public void start() {
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    // Leave the group on a clean stop: otherwise the partitions stay assigned to this instance
    // until the session times out (45 s), and a restarted or other instance waits that long.
    streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    components.close();
  }
}
