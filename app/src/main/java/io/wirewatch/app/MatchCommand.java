package io.wirewatch.app;

import io.wirewatch.ingest.fetch.SavedPages;
import io.wirewatch.ingest.fetch.HtmlPage;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.Json;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Topics;
import io.wirewatch.process.ProcessComponents;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.alert.AlertRaiser;
import io.wirewatch.process.alert.RuleMatcher;
import io.wirewatch.process.alert.RulesFile;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirewatch match}: runs rules over local pages without Kafka, through the same cleaner,
 * classifier and matcher as the process stage, so a rule can be tried on saved pages.
 */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description = "Runs rules over local .html/.html.gz pages (directories are walked) without Kafka and "
        + "prints one JSON line per (page, rule) match: {\"path\", \"rule\", \"severity\", \"terms\", \"snippet\"}.")
final class MatchCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(MatchCommand.class);

  @Mixin
  CommonOptions common;

  @Option(names = "--rules", required = true, paramLabel = "FILE", description = "Rules file (YAML).")
  Path rulesFile;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Page files or directories.")
  List<Path> paths;

  @Override
  public Integer call() throws Exception {
    RulesFile.Loaded loaded = RulesFile.read(rulesFile);
    PrintStream out = System.out;
    int pages = 0;
    int failed = 0;
    try (ProcessComponents parts = new ProcessComponents(ProcessConfig.from(common.settings(Map.of())),
            Topics.DEFAULT, Clock.systemUTC());
        RuleMatcher matcher = new RuleMatcher(loaded.rules())) {
      loaded.errors().forEach(e -> LOG.error("rule {} rejected: {}", e.ruleId(), e.reason()));
      matcher.errors().forEach(e -> LOG.error("rule {} rejected: {}", e.ruleId(), e.reason()));
      AlertRaiser raiser = new AlertRaiser(matcher, Clock.systemUTC());
      for (Path p : SavedPages.expand(paths)) {
        pages++;
        try {
          HtmlPage page = SavedPages.decode(p, null);
          String url = page.canonicalUrl().toString();
          RawArticle raw = new RawArticle(ArticleId.of(url), "local", url, null, null, null, "text/html",
              page.html(), ArticleId.contentHash(page.html()));
          Article article = parts.articles().process(raw, 1);
          for (Alert a : raiser.alertsFor(article)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("path", p.toString());
            line.put("rule", a.ruleId());
            line.put("severity", a.severity());
            line.put("terms", a.matchedTerms());
            line.put("snippet", a.snippet());
            out.println(Json.MAPPER.writeValueAsString(line));
          }
        } catch (Exception e) {
          // One unreadable page must not stop the batch; it is reported and counted.
          failed++;
          LOG.error("{}: {}", p, e.getMessage());
        }
      }
    }
    LOG.info("{} pages matched against {} rules, {} failed", pages, loaded.rules().size(), failed);
    return failed == 0 ? 0 : 1;
  }
}
