package io.wirewatch.notify;

import io.wirewatch.model.config.ConfigException;
import io.wirewatch.model.config.Settings;
import io.wirewatch.model.net.AddressGuard;
import io.wirewatch.notify.deliver.Backoff;
import io.wirewatch.notify.event.UpdatePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed, validated notify settings. Defaults and their reasons: {@code wirewatch-notify.properties}.
 *
 * @param groupId        consumer group of notify instances
 * @param replayGroupId  consumer group of dead-letter replays
 * @param allowAddresses internal addresses channels may reach (loopback for tests)
 * @param updates        which alert updates are delivered
 * @param storyBursts    whether story.burst events are delivered
 * @param maxEventAge    events older than this when read are not delivered
 * @param retry          attempts, age and back-off per channel
 * @param http           timeouts and user agent of the POSTs
 * @param channelThreads requests in flight per channel
 * @param queueCapacity  events waiting per channel before reading pauses
 * @param commitInterval how often offsets are committed
 * @param consumer       Kafka consumer settings passed through
 * @param producer       Kafka producer settings passed through (dead letters)
 */
public record NotifyConfig(
    String groupId,
    String replayGroupId,
    List<String> allowAddresses,
    UpdatePolicy updates,
    boolean storyBursts,
    Duration maxEventAge,
    Backoff.Policy retry,
    Http http,
    int channelThreads,
    int queueCapacity,
    Duration commitInterval,
    Map<String, String> consumer,
    Map<String, String> producer) {

  public static final String DEFAULTS = "wirewatch-notify.properties";
  /** The setting of {@link #allowAddresses}, named by the guard's refusals. */
  public static final String ALLOW_ADDRESSES = "notify.allow-addresses";

  /** Timeouts and identity of the channel POSTs. */
  public record Http(Duration connectTimeout, Duration requestTimeout, String userAgent) {}

  public NotifyConfig {
    allowAddresses = List.copyOf(allowAddresses);
    consumer = Map.copyOf(consumer);
    producer = Map.copyOf(producer);
    // Parsed once here so that a typo stops the start with the key's name, not the first POST.
    new AddressGuard(ALLOW_ADDRESSES, allowAddresses);
  }

  public static NotifyConfig from(Settings s) {
    Backoff.Policy retry = new Backoff.Policy(
        s.intValue("notify.retry.max-attempts", 1, 1000),
        positive(s, "notify.retry.max-age"),
        positive(s, "notify.retry.initial-backoff"),
        positive(s, "notify.retry.max-backoff"),
        positive(s, "notify.retry.max-retry-after"));
    if (retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
      throw new ConfigException("notify.retry.max-backoff = " + s.string("notify.retry.max-backoff") + " (from "
          + s.origin("notify.retry.max-backoff") + "): expected at least notify.retry.initial-backoff ("
          + s.string("notify.retry.initial-backoff") + ")");
    }
    return new NotifyConfig(
        s.string("notify.group-id"),
        s.string("notify.replay.group-id"),
        s.list(ALLOW_ADDRESSES),
        UpdatePolicy.parse("notify.updates", s.string("notify.updates"), s.origin("notify.updates")),
        s.bool("notify.story-bursts"),
        positive(s, "notify.max-event-age"),
        retry,
        new Http(positive(s, "notify.http.connect-timeout"), positive(s, "notify.http.request-timeout"),
            s.string("notify.http.user-agent")),
        s.intValue("notify.channel.threads", 1, 64),
        s.intValue("notify.channel.queue-capacity", 1, 10_000_000),
        positive(s, "notify.commit-interval"),
        s.withPrefix("notify.consumer"),
        s.withPrefix("notify.producer"));
  }

  /** The defaults alone, as a test starts from. */
  public static NotifyConfig defaults() {
    return from(Settings.defaults(DEFAULTS));
  }

  private static Duration positive(Settings s, String key) {
    Duration d = s.duration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key + " = '" + s.string(key) + "' (from " + s.origin(key) + "): expected more than 0");
    }
    return d;
  }
}
