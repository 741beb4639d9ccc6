package io.wirewatch.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Wirewatch's topics when they do not exist, with their retention. Existing topics are
 * left as they are: an operator may have tuned them.
 */
public final class TopicCreator {

  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
  private static final long DAY_MS = 24L * 3600 * 1000;

  private TopicCreator() {}

  /**
   * @param partitions        partitions of each new topic: the ceiling on parallel instances
   * @param replicationFactor replicas of each new topic (1 on a single broker)
   */
  public static void ensure(String bootstrapServers, Topics topics, int partitions, short replicationFactor) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<String, ?> t : topics.all()) {
        if (!existing.contains(t.name())) {
          // One partition for the rules: a rule's version is then its offset, one global order.
          int n = t == topics.rules() ? 1 : partitions;
          missing.add(new NewTopic(t.name(), n, replicationFactor).configs(configFor(topics, t)));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
        LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
      } catch (ExecutionException e) {
        // Another instance may have created them between the listing and now: that is success.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until every partition of the new topics has a leader: a producer writing in the first
   * milliseconds otherwise meets NotLeaderOrFollower and, being idempotent, can get stuck on
   * out-of-order sequence numbers for that partition.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        boolean ready = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        if (ready) {
          Thread.sleep(200); // leadership reaches the brokers' metadata caches just after
          return;
        }
      } catch (ExecutionException notYetKnown) {
        // UnknownTopicOrPartition right after creation: ask again
      }
      Thread.sleep(100);
    }
  }

  static Map<String, String> configFor(Topics topics, Topic<String, ?> t) {
    if (t == topics.rules()) {
      // The latest definition of each rule, forever: a new instance reads the whole topic.
      return Map.of("cleanup.policy", "compact");
    }
    if (t == topics.sources()) {
      // A table of definitions: only the latest per id matters, and it must never expire.
      return Map.of("cleanup.policy", "compact");
    }
    if (t == topics.seen() || t == topics.sourceStatus() || t == topics.stories()) {
      // Latest record per key, and nothing older than the retention: the seen-set stays bounded
      // by age (an item older than 30 days is off every feed), the status by the last week,
      // stories by the 30 days articles are kept.
      long keep = t == topics.sourceStatus() ? 7 * DAY_MS : 30 * DAY_MS;
      return Map.of("cleanup.policy", "compact,delete", "retention.ms", String.valueOf(keep),
          "segment.ms", String.valueOf(DAY_MS));
    }
    long retention;
    if (t == topics.raw()) {
      retention = 3 * DAY_MS; // raw pages are large and re-fetchable
    } else if (t == topics.deadLetter()) {
      retention = 14 * DAY_MS;
    } else {
      retention = 30 * DAY_MS;
    }
    return Map.of("retention.ms", String.valueOf(retention),
        "max.message.bytes", String.valueOf(8 * 1024 * 1024 + 1024));
  }
}
