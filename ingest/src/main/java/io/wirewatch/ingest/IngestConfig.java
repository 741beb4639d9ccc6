package io.wirewatch.ingest;

import io.wirewatch.model.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed, validated ingest settings. Defaults and their reasons: {@code wirewatch-ingest.properties}.
 *
 * @param pollInterval   default interval between two polls of a source
 * @param threads        polling threads
 * @param fetch          HTTP fetch limits
 * @param producer       Kafka producer properties passed through
 * @param consumer       Kafka consumer properties of the news.sources group member, passed through
 * @param schedule       jitter, ceilings, back-off and health threshold
 * @param politeness     per-host limits and robots.txt
 * @param groupId        consumer group of ingest instances sharing news.sources
 * @param commitInterval how often the transactional producer commits what polls produced
 * @param fullContentChars feed content at least this long is used instead of fetching the page
 */
public record IngestConfig(
    Duration pollInterval,
    int threads,
    FetchLimits fetch,
    Map<String, String> producer,
    Map<String, String> consumer,
    Schedule schedule,
    Politeness politeness,
    String groupId,
    Duration commitInterval,
    int fullContentChars) {

  /** When to poll again. */
  public record Schedule(double jitter, Duration maxInterval, Duration backoffMax, int unhealthyAfter) {}

  /** How gently to treat each host. */
  public record Politeness(int maxPerHost, Duration minDelay, boolean robots, Duration robotsTtl) {}

  public static final String DEFAULTS = "wirewatch-ingest.properties";

  /** HTTP limits of one fetch. */
  public record FetchLimits(
      Duration connectTimeout,
      Duration requestTimeout,
      Duration totalTimeout,
      long maxBodyBytes,
      int maxRedirects,
      String userAgent,
      List<String> allowAddresses) {

    /** The setting of {@link #allowAddresses}, named by the guard's refusals. */
    public static final String ALLOW_ADDRESSES = "ingest.fetch.allow-addresses";

    public FetchLimits {
      allowAddresses = List.copyOf(allowAddresses);
      // Parsed once here so that a typo stops the start with the key's name, not the first fetch.
      new io.wirewatch.model.net.AddressGuard(ALLOW_ADDRESSES, allowAddresses);
    }
  }

  public static IngestConfig from(Settings s) {
    Duration interval = s.duration("ingest.poll.interval");
    if (interval.toMillis() < 1_000) {
      throw new io.wirewatch.model.config.ConfigException(
          "ingest.poll.interval = " + interval + " (from " + s.origin("ingest.poll.interval")
              + "): expected at least 1s; polling faster gets a client blocked");
    }
    return new IngestConfig(
        interval,
        s.intValue("ingest.threads", 1, 256),
        new FetchLimits(
            s.duration("ingest.fetch.connect-timeout"),
            s.duration("ingest.fetch.request-timeout"),
            s.duration("ingest.fetch.total-timeout"),
            s.longValue("ingest.fetch.max-body-bytes", 1_024, 1_000_000_000),
            s.intValue("ingest.fetch.max-redirects", 0, 20),
            s.string("ingest.fetch.user-agent"),
            s.list("ingest.fetch.allow-addresses")),
        s.withPrefix("ingest.producer"),
        s.withPrefix("ingest.consumer"),
        new Schedule(
            s.intValue("ingest.schedule.jitter-percent", 0, 50) / 100.0,
            s.duration("ingest.schedule.max-interval"),
            s.duration("ingest.schedule.backoff-max"),
            s.intValue("ingest.schedule.unhealthy-after", 1, 1_000)),
        new Politeness(
            s.intValue("ingest.politeness.max-per-host", 1, 64),
            s.duration("ingest.politeness.min-delay"),
            s.bool("ingest.robots.enabled"),
            s.duration("ingest.robots.ttl")),
        s.string("ingest.group-id"),
        s.duration("ingest.commit-interval"),
        s.intValue("ingest.feed.full-content-chars", 1, Integer.MAX_VALUE));
  }

  /** The defaults file alone: what tests start from. */
  public static IngestConfig defaults() {
    return from(Settings.defaults(DEFAULTS));
  }
}
