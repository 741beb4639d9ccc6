package io.wirewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Mozilla Readability.js (on jsdom) over pages, as the baseline of {@code bench extract}. The npm
 * packages are pinned by the committed package-lock.json in {@code bench/readability} and installed
 * there on first use. A fresh node worker is started every {@code batch} pages because jsdom leaks
 * memory over hundreds of documents.
 */
final class ReadabilityRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ReadabilityRunner.class);
  private static final ObjectMapper JSON = io.wirewatch.model.Json.MAPPER;

  /** One page's result: the text, the time jsdom + Readability took in the worker, and any failure. */
  record Result(String text, double millis, boolean retried, String error) {}

  /** A page to extract: its file and URL. */
  record Page(Path file, String url) {}

  private final Path dir;
  private final int batch;

  ReadabilityRunner(Path dir, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch: must be at least 1, got " + batch);
    }
    this.dir = dir;
    this.batch = batch;
  }

  /** Installs the pinned packages when node_modules is missing (npm ci: exactly the lock file). */
  void install() throws IOException, InterruptedException {
    if (Files.isDirectory(dir.resolve("node_modules/@mozilla/readability"))
        && Files.isDirectory(dir.resolve("node_modules/jsdom"))) {
      return;
    }
    LOG.info("installing Readability.js baseline with npm ci in {}", dir);
    Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
        .directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroy();
      throw new IOException("npm ci failed in " + dir + " (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
    }
  }

  List<Result> run(List<Page> pages) throws IOException, InterruptedException {
    List<Result> out = new ArrayList<>(pages.size());
    for (int from = 0; from < pages.size(); from += batch) {
      out.addAll(worker(pages.subList(from, Math.min(pages.size(), from + batch))));
    }
    return out;
  }

  private List<Result> worker(List<Page> pages) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", "--max-old-space-size=2048", "extract.js")
        .directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    // Paths are written from a second thread so a full stdout pipe can never deadlock the two sides.
    Thread feeder = new Thread(() -> {
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
        for (Page page : pages) {
          w.write(page.file().toAbsolutePath() + "\t" + (page.url() == null ? "" : page.url()) + "\n");
        }
      } catch (IOException e) {
        LOG.warn("cannot feed Readability worker: {}", e.toString());
      }
    }, "readability-feeder");
    feeder.start();
    List<Result> out = new ArrayList<>(pages.size());
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = JSON.readTree(line);
        out.add(new Result(n.path("text").asText(""), n.path("ms").asDouble(),
            n.path("retried").asBoolean(), n.hasNonNull("error") ? n.get("error").asText() : null));
      }
    }
    feeder.join();
    int exit = p.waitFor();
    if (out.size() != pages.size()) {
      throw new IOException("Readability worker in " + dir + " returned " + out.size() + " of " + pages.size()
          + " pages (exit " + exit + "), first page " + pages.get(0).file());
    }
    return out;
  }
}
