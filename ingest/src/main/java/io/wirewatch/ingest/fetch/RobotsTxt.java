package io.wirewatch.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt of each site, fetched once per {@code ttl} through the same (polite, guarded) fetcher
 * and read with crawler-commons. As crawlers agree: no robots.txt (4xx) allows everything; a
 * server error or an unreachable robots.txt defers the page to a later poll rather than guessing.
 */
public final class RobotsTxt implements RobotsPolicy {

  private final Fetcher fetcher;
  private final List<String> agentNames;
  private final Duration ttl;
  private final Clock clock;
  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(BaseRobotRules rules, Instant until) {}

  /** @param agentName the product token robots.txt groups are matched against, e.g. "wirewatch" */
  public RobotsTxt(Fetcher fetcher, String agentName, Duration ttl, Clock clock) {
    this.fetcher = fetcher;
    this.agentNames = List.of(agentName.toLowerCase(Locale.ROOT));
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public boolean allowed(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      return true;
    }
    String site = scheme + "://" + url.getRawAuthority().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Entry e = cache.get(site);
    if (e == null || now.isAfter(e.until())) {
      e = new Entry(load(URI.create(site + "/robots.txt")), now.plus(ttl));
      cache.put(site, e);
    }
    return e.rules().isAllowed(url.toString());
  }

  private BaseRobotRules load(URI robots) {
    try {
      FetchedPage p = fetcher.fetch(robots, Validators.NONE);
      return parser.parseContent(robots.toString(), p.body(), p.contentType() == null ? "text/plain" : p.contentType(),
          agentNames);
    } catch (FetchException e) {
      // Only an answer of the server (404, 503...) says what robots.txt is; anything else (a timeout,
      // a body too large) defers like a server error instead of guessing.
      return parser.failedFetch(e.kind() == FetchException.Kind.STATUS ? e.status() : 503);
    }
  }
}
