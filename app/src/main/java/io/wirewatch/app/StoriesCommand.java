package io.wirewatch.app;

import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicReplay;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch stories}: the stories as {@code news.stories} holds them now (the latest record
 * of each), newest activity first.
 */
@Command(
    name = "stories",
    mixinStandardHelpOptions = true,
    description = {
        "Lists the current stories of a running pipeline, read from news.stories (the latest state of each "
            + "story): last seen, articles, sources, burst, headline, then the story's id and sources. "
            + "Newest activity first. Without --bootstrap-servers it reads the broker of a running "
            + "`wirewatch run` on the same data directory."},
    footer = {"", "Examples:",
        "  wirewatch stories --active --limit 10",
        "  wirewatch stories --json | jq -r 'select(.sourceCount > 2) | .headline'"})
final class StoriesCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StoriesCommand.class);

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  @Mixin
  CommonOptions common;

  @Mixin
  BrokerOptions broker;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--active", description = "Only stories still open (not closed for inactivity).")
  boolean active;

  @Option(names = "--limit", paramLabel = "N", description = "At most N stories. Default: ${DEFAULT-VALUE}.")
  int limit = 20;

  @Option(names = "--json", description = "One JSON line per story (the news.stories record) instead of the table.")
  boolean json;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    AppConfig app = AppConfig.from(common.settings(broker.overrides()));
    Topic<String, Story> topic = app.topics().stories();
    LatestStories latest = new LatestStories(topic, Integer.MAX_VALUE);
    int[] unreadable = {0};
    TopicReplay.replay(broker.bootstrapServers(app), topic.name(), r -> {
      if (!latest.accept(r)) {
        unreadable[0]++; // another producer's record: the stories the pipeline wrote are still listed
      }
    });
    if (unreadable[0] > 0) {
      LOG.warn("skipped {} record(s) of {} that are not stories", unreadable[0], topic.name());
    }
    List<Story> shown = latest.all().stream()
        .filter(s -> !active || !s.closed())
        .sorted(Comparator.comparing((Story s) -> s.lastSeen() == null ? Instant.EPOCH : s.lastSeen()).reversed()
            .thenComparing(Story::articleCount, Comparator.reverseOrder())
            .thenComparing(Story::id))
        .limit(limit)
        .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      shown.forEach(s -> out.println(new String(topic.valueSerde().serializer().serialize(topic.name(), s),
          java.nio.charset.StandardCharsets.UTF_8)));
    } else if (shown.isEmpty()) {
      out.println(latest.isEmpty() ? "No stories yet in " + topic.name() + "." : "No active stories.");
    } else {
      out.printf(Locale.ROOT, "%-17s %8s %7s  %-17s %s%n", "LAST SEEN", "ARTICLES", "SOURCES", "BURST SINCE",
          "HEADLINE");
      for (Story s : shown) {
        out.println(row(s));
      }
      if (latest.size() > shown.size()) {
        out.printf(Locale.ROOT, "(%d of %d stories%s)%n", shown.size(), latest.size(), active ? ", closed ones left out" : "");
      }
    }
    out.flush();
    return 0;
  }

  static String row(Story s) {
    String headline = s.headline() == null ? "" : s.headline();
    return String.format(Locale.ROOT, "%-17s %8d %7d  %-17s %s%s%n%17s id=%s  sources=%s",
        s.lastSeen() == null ? "-" : WHEN.format(s.lastSeen()), s.articleCount(), s.sourceCount(),
        s.burstAt() == null ? "-" : WHEN.format(s.burstAt()), headline, s.closed() ? "  (closed)" : "",
        "", s.id(), String.join(",", s.sources()));
  }
}
