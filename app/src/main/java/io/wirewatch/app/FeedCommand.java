package io.wirewatch.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.dedup.ItemIdentity;
import io.wirewatch.ingest.feed.FeedEntry;
import io.wirewatch.ingest.feed.FeedParseException;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.FetchException;
import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.PageFetcher;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wirewatch feed FILE|URL}: one feed through the ingestor's own fetcher and reader. */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    description = "Fetches and parses one feed exactly as the ingestor does (same fetch limits, SSRF guard, "
        + "charset rules and parser) and prints its entries as JSON lines: title, link, id (the identity used "
        + "for dedup), articleId, published, author, summaryLength. A feed that cannot be fetched or read is "
        + "reported on stderr as 'wirewatch: <reason>' with exit code 2, like every command's bad input.")
final class FeedCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Parameters(paramLabel = "FILE|URL", description = "A feed file or an http(s) URL.")
  String target;

  @Override
  public Integer call() throws Exception {
    IngestConfig config = IngestConfig.from(common.settings(Map.of()));
    URI url = target.matches("(?i)^(https?|file):.*") ? URI.create(target) : Path.of(target).toAbsolutePath().toUri();
    if ("file".equals(url.getScheme()) && !Files.isRegularFile(Path.of(url))) {
      // The command line's error handler prints "wirewatch: <message>" and exits with 2.
      throw new InvalidInputException("no such file " + target);
    }
    try (PageFetcher fetcher = new PageFetcher(config.fetch())) {
      FetchedPage page = fetcher.fetch(url);
      for (FeedEntry e : new FeedReader().read(page.body(), page.contentType(), page.finalUrl())) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("title", e.title());
        n.put("link", e.link() == null ? null : e.link().toString());
        n.put("id", ItemIdentity.idOf(e));
        n.put("articleId", e.link() == null ? null : ArticleId.of(e.link().toString()));
        n.put("published", e.published() == null ? null : e.published().toString());
        n.put("author", e.author());
        n.put("summaryLength", e.summary() == null ? 0 : e.summary().length());
        System.out.println(Json.MAPPER.writeValueAsString(n));
      }
      return 0;
    } catch (FetchException | FeedParseException e) {
      // the feed, not the program, is at fault: reported as bad input by the shared handler
      throw new InvalidInputException(e.getMessage(), e);
    }
  }
}
