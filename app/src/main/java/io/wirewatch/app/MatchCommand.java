package io.wirewatch.app;

import io.wirewatch.ingest.fetch.SavedPages;
import io.wirewatch.ingest.fetch.HtmlPage;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.Json;
import io.wirewatch.process.PagePipeline;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.alert.RulesFile;
import java.io.PrintStream;
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
    ProcessConfig config = ProcessConfig.from(common.settings(Map.of())); // settings are checked first
    RulesFile.Loaded loaded = RulesFile.read(rulesFile);
    PrintStream out = System.out;
    int pages = 0;
    int failed = 0;
    try (PagePipeline pipeline = new PagePipeline(config, loaded.rules(), Clock.systemUTC())) {
      loaded.errors().forEach(e -> LOG.error("rule {} rejected: {}", e.ruleId(), e.reason()));
      pipeline.ruleErrors().forEach(e -> LOG.error("rule {} rejected: {}", e.ruleId(), e.reason()));
      for (Path p : SavedPages.expand(paths)) {
        pages++;
        try {
          HtmlPage page = SavedPages.decode(p, null);
          Article article = pipeline.article("local", page.canonicalUrl().toString(), page.html());
          for (Alert a : pipeline.alerts(article)) {
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
