package io.wirewatch.app;

import io.wirewatch.model.Article;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Json;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Topic;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.process.alert.RuleError;
import io.wirewatch.process.alert.RuleMatch;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.alert.RulesFile;
import io.wirewatch.process.alert.RulesTopic;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirewatch rules ...}: the alert rules in {@code news.rules}. Every running process instance
 * applies a change within seconds, without a restart. Rules are checked before they are written: a
 * rule that does not parse is refused with the parser's message and nothing is written.
 */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Add, list, remove, import and try alert rules (stored in the compacted topic news.rules).",
    subcommands = {
      RulesCommand.Add.class,
      RulesCommand.ListRules.class,
      RulesCommand.Remove.class,
      RulesCommand.Import.class,
      RulesCommand.Try.class
    })
final class RulesCommand implements Runnable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RulesCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: config and where the broker is. */
  abstract static class Base implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BrokerOptions broker;

    AppConfig app() {
      return AppConfig.from(common.settings(broker.overrides()));
    }

    RulesTopic rulesTopic(AppConfig app) {
      return new RulesTopic(broker.bootstrapServers(app), app.topics().rules());
    }

    /** Refuses the whole batch if any rule does not parse: rules are never half-loaded. */
    static void checkAll(List<Rule> rules, List<RuleError> earlier) {
      List<RuleError> errors = new ArrayList<>(earlier);
      try (RuleBook checker = new RuleBook()) {
        rules.forEach(r -> checker.check(r).ifPresent(errors::add));
      }
      if (!errors.isEmpty()) {
        StringBuilder sb = new StringBuilder("rejected, nothing written:");
        errors.forEach(e -> sb.append("\n  ").append(e.ruleId()).append(": ").append(e.reason()));
        throw new InvalidInputException(sb.toString());
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Adds a rule, or replaces the rule with the same id.")
  static final class Add extends Base {
    @Parameters(index = "0", paramLabel = "ID", description = "Rule id (no '/').")
    String id;

    @Parameters(index = "1", paramLabel = "QUERY", description = "Lucene query, e.g. '\"liaison office\"' or 'sanctions AND korea'.")
    String query;

    @Option(names = "--severity", defaultValue = "warning", description = "info, warning or critical (default: ${DEFAULT-VALUE}).")
    String severity;

    @Option(names = "--description", description = "What the rule is for.")
    String description;

    @Option(names = "--window", paramLabel = "DURATION", description = "How long an alert stays open for updates after its latest one, e.g. 12h (default: process.alerts.window).")
    String window;

    @Option(names = "--category", paramLabel = "ID", description = "Fire only on articles of this category. Repeatable.")
    List<String> categories;

    @Option(names = "--source", paramLabel = "ID", description = "Fire only on articles from this source. Repeatable.")
    List<String> sources;

    @Option(names = "--language", paramLabel = "CODE", description = "Fire only on articles in this language (ISO 639-1). Repeatable.")
    List<String> languages;

    @Option(names = "--country", paramLabel = "CODE", description = "Fire only on articles mentioning this country (ISO 3166-1, e.g. KP). Repeatable.")
    List<String> countries;

    @Option(names = "--disabled", description = "Store the rule but do not apply it.")
    boolean disabled;

    @Option(names = "--per", paramLabel = "story|article", defaultValue = "story",
        description = "One alert per story, updated by its later matching articles, or one per article (default: ${DEFAULT-VALUE}).")
    String per;

    @Override
    public Integer call() {
      Rule rule = new Rule(id, query, severity, description, !disabled, window,
          new Rule.Filters(categories, sources, languages, countries), 0, per);
      checkAll(List.of(rule), List.of());
      AppConfig app = app();
      rulesTopic(app).publish(List.of(rule));
      System.out.println("rule " + id + " written to " + app.topics().rules().name());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the current rules as JSON lines.")
  static final class ListRules extends Base {
    @Override
    public Integer call() throws Exception {
      AppConfig app = app();
      for (Rule r : rulesTopic(app).readAll().values()) {
        System.out.println(Json.MAPPER.writeValueAsString(r));
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a rule from every instance.")
  static final class Remove extends Base {
    @Parameters(paramLabel = "ID", description = "Rule id.")
    String id;

    @Override
    public Integer call() {
      AppConfig app = app();
      RulesTopic topic = rulesTopic(app);
      if (!topic.readAll().containsKey(id)) {
        throw new InvalidInputException("no rule '" + id + "' in " + app.topics().rules().name());
      }
      topic.remove(id);
      System.out.println("rule " + id + " removed");
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Adds or replaces every rule of a YAML rules file (all or nothing).")
  static final class Import extends Base {
    @Parameters(paramLabel = "FILE", description = "Rules file (YAML, top-level 'rules:' list).")
    Path file;

    @Override
    public Integer call() throws Exception {
      RulesFile.Loaded loaded = RulesFile.read(file);
      checkAll(loaded.rules(), loaded.errors());
      AppConfig app = app();
      List<Rule> written = rulesTopic(app).publishChanged(loaded.rules());
      System.out.println(written.size() + " rules written to " + app.topics().rules().name() + ", "
          + (loaded.rules().size() - written.size()) + " unchanged");
      return 0;
    }
  }

  /**
   * {@code rules test QUERY}: the rule preview. Runs a query over the articles retained in
   * {@code news.articles} (latest revision of each) and prints what it would have matched.
   */
  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Runs a query over the articles retained in news.articles and prints what it would match, with snippets, as JSON lines.")
  static final class Try extends Base {
    @Parameters(paramLabel = "QUERY", description = "Lucene query to try.")
    String query;

    @Override
    public Integer call() throws Exception {
      Rule rule = new Rule("test", query);
      checkAll(List.of(rule), List.of());
      AppConfig app = app();
      Map<String, Article> latest = readArticles(broker.bootstrapServers(app), app.topics().articles());
      PrintStream out = System.out;
      int matched = 0;
      try (RuleBook matcher = new RuleBook(List.of(rule))) {
        for (Article a : latest.values()) {
          List<RuleMatch> m = matcher.match(a.title(), a.text());
          if (!m.isEmpty()) {
            matched++;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("articleId", a.id());
            line.put("url", a.url());
            line.put("title", a.title());
            line.put("terms", m.get(0).terms());
            line.put("snippet", m.get(0).snippet());
            out.println(Json.MAPPER.writeValueAsString(line));
          }
        }
      }
      LOG.info("{} of {} retained articles match", matched, latest.size());
      return 0;
    }

    private static Map<String, Article> readArticles(String bootstrap, Topic<String, Article> topic) {
      Map<String, Article> latest = new LinkedHashMap<>();
      TopicReplay.replay(bootstrap, topic.name(),
          r -> {
            if (r.value() == null) {
              latest.remove(r.key());
            } else {
              latest.put(r.key(), topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
            }
          });
      return latest;
    }
  }
}
