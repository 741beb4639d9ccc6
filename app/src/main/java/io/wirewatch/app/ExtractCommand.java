package io.wirewatch.app;

import io.wirewatch.ingest.fetch.SavedPages;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.clean.CleanedPage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wirewatch extract}: the Streams stage's cleaner on saved pages, one JSON line per page. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = "Extracts headline, byline, publication time, language and main text from saved HTML pages "
        + "(.html, .html.gz; directories recursively) with the same cleaner as the Streams stage. Writes one "
        + "JSON line per page on stdout: {\"path\", \"title\", \"byline\", \"published\", \"language\", \"text\"}.")
final class ExtractCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ExtractCommand.class);
  private static final ObjectMapper JSON = io.wirewatch.model.Json.MAPPER;

  @Spec
  CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", description = "The pages' URL, to resolve relative links.")
  String url;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Pages or directories of pages.")
  List<Path> paths;

  @Override
  public Integer call() {
    ArticleCleaner cleaner = new ArticleCleaner();
    PrintWriter out = spec.commandLine().getOut();
    int failed = 0;
    for (Path p : SavedPages.expand(paths)) {
      ObjectNode line = JSON.createObjectNode();
      line.put("path", p.toString());
      try {
        CleanedPage page = cleaner.clean(SavedPages.read(p, url), url);
        line.put("title", page.title());
        line.put("byline", page.byline());
        line.put("published", page.published() == null ? null : page.published().toString());
        line.put("language", page.language());
        line.put("text", page.text());
      } catch (IOException | RuntimeException e) {
        // One unreadable page must not stop the batch: it is reported and counted in the exit status.
        LOG.warn("cannot extract {}: {}", p, e.toString());
        line.put("error", e.toString());
        failed++;
      }
      out.println(line);
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
