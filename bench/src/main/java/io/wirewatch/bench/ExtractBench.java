package io.wirewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirewatch.ingest.fetch.SavedPages;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.clean.CleanedPage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jsoup.Jsoup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wirewatch bench extract}: quality and speed of the article cleaner on the Zyte article
 * extraction benchmark, next to Readability.js run in the same run and the saved Readability.js
 * output (which proves the scorer reproduces the published figures), plus Jsoup's parse-only rate,
 * the ceiling of any Jsoup-based cleaner.
 */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = "Scores the article cleaner on the Zyte article extraction benchmark (ground-truth.json, "
        + "html/<id>.html.gz) with the benchmark's shingle metric, next to Readability.js 0.6.0 run in the "
        + "same run, the saved output/readability_js.json, and Jsoup parse-only speed.")
public final class ExtractBench implements Callable<Integer> {

  private static final ObjectMapper JSON = io.wirewatch.model.Json.MAPPER;

  @Spec
  CommandSpec spec;

  @Option(names = "--corpus", required = true, paramLabel = "DIR",
      description = "The benchmark directory (ground-truth.json, html/, output/).")
  Path corpus;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
      description = "Timed passes over all pages for the Java extractors, after one warm-up pass. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--readability-dir", paramLabel = "DIR",
      description = "Directory with package.json, package-lock.json and extract.js. Default: bench/readability of this checkout.")
  Path readabilityDir;

  @Option(names = "--worker-pages", paramLabel = "N", defaultValue = "100",
      description = "Pages per node worker (jsdom leaks memory over long runs). Default: ${DEFAULT-VALUE}.")
  int workerPages;

  @Option(names = "--skip-readability", description = "Do not run Readability.js (quality/speed of the cleaner only).")
  boolean skipReadability;

  @Option(names = "--worst", paramLabel = "N", defaultValue = "0",
      description = "Also list the N pages where the cleaner scores lowest.")
  int worst;

  @Option(names = "--dump", paramLabel = "DIR", description = "Write the cleaner's text per page to DIR/<id>.txt.")
  Path dump;

  record Page(String id, String url, Path file, String html, String truth) {}

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new InvalidInputException("--rounds: must be at least 1, got " + rounds);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Page> pages = load(corpus);
    ShingleScorer scorer = new ShingleScorer();
    ArticleCleaner cleaner = new ArticleCleaner();

    // Warm-up: JIT both code paths before anything is timed.
    List<CleanedPage> cleaned = new ArrayList<>();
    for (Page p : pages) {
      Jsoup.parse(p.html(), p.url());
      cleaned.add(cleaner.clean(p.html(), p.url()));
    }
    long parseNanos = 0;
    long cleanNanos = 0;
    for (int r = 0; r < rounds; r++) {
      // Interleaved, so that machine noise touches both figures alike.
      parseNanos += timeParse(pages);
      cleanNanos += timeClean(pages, cleaner);
    }
    double parseRate = rate(pages.size() * rounds, parseNanos);
    double cleanRate = rate(pages.size() * rounds, cleanNanos);

    List<ShingleScorer.Counts> ours = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      ours.add(scorer.compare(pages.get(i).truth(), cleaned.get(i).text()));
    }
    ShingleScorer.Score oursScore = scorer.score(ours);

    Path saved = corpus.resolve("output/readability_js.json");
    ShingleScorer.Score savedScore = Files.isRegularFile(saved) ? scoreSaved(pages, saved, scorer) : null;

    ShingleScorer.Score liveScore = null;
    double liveRate = Double.NaN;
    int retried = 0;
    int failed = 0;
    if (!skipReadability) {
      ReadabilityRunner runner = new ReadabilityRunner(readabilityDir(), workerPages);
      runner.install();
      List<ReadabilityRunner.Page> files = pages.stream().map(p -> new ReadabilityRunner.Page(p.file(), p.url())).toList();
      List<ReadabilityRunner.Result> results = runner.run(files);
      List<ShingleScorer.Counts> theirs = new ArrayList<>();
      double millis = 0;
      for (int i = 0; i < pages.size(); i++) {
        ReadabilityRunner.Result r = results.get(i);
        theirs.add(scorer.compare(pages.get(i).truth(), r.text()));
        millis += r.millis();
        retried += r.retried() ? 1 : 0;
        failed += r.error() != null ? 1 : 0;
      }
      liveScore = scorer.score(theirs);
      liveRate = pages.size() / (millis / 1000.0);
    }

    out.printf("Zyte article extraction benchmark: %d pages, %s%n", pages.size(), corpus);
    out.printf("%-34s %9s %9s %9s %9s %10s%n", "extractor", "precision", "recall", "F1", "accuracy", "pages/s");
    row(out, "wirewatch ArticleCleaner", oursScore, cleanRate);
    if (liveScore != null) {
      row(out, "Readability.js 0.6.0 (this run)", liveScore, liveRate);
    }
    if (savedScore != null) {
      row(out, "Readability.js (saved output)", savedScore, Double.NaN);
    }
    out.printf("%-34s %9s %9s %9s %9s %10.1f%n", "Jsoup parse only", "", "", "", "", parseRate);
    out.printf("speed: cleaner / Jsoup parse-only = %.2f (%.0f%% of the parse-only rate)%n",
        cleanRate / parseRate, 100 * cleanRate / parseRate);
    if (liveScore != null) {
      out.printf("speed: cleaner / Readability.js   = %.1fx%n", cleanRate / liveRate);
      out.printf("Readability.js: %d page(s) retried without <style> blocks, %d failed%n", retried, failed);
    }
    out.printf("Java timings: %d timed round(s) after one warm-up, single thread; Readability.js: time inside "
        + "node for jsdom + Readability per page, worker start-up excluded%n", rounds);
    metadataSummary(out, cleaned);
    if (worst > 0) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < pages.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingDouble(i -> ours.get(i).f1()));
      out.printf("worst pages (F1, precision-side fp, recall-side fn, id):%n");
      for (int i : order.subList(0, Math.min(worst, order.size()))) {
        ShingleScorer.Counts c = ours.get(i);
        out.printf("  %.3f fp=%.2f fn=%.2f %s %s%n", c.f1(), c.fp(), c.fn(), pages.get(i).id(), pages.get(i).url());
      }
    }
    if (dump != null) {
      Files.createDirectories(dump);
      for (int i = 0; i < pages.size(); i++) {
        Files.writeString(dump.resolve(pages.get(i).id() + ".txt"), cleaned.get(i).title() + "\n=====\n"
            + cleaned.get(i).text(), StandardCharsets.UTF_8);
      }
    }
    out.flush();
    return 0;
  }

  private static void row(PrintWriter out, String name, ShingleScorer.Score s, double rate) {
    out.printf("%-34s %9.3f %9.3f %9.3f %9.3f %10s%n", name, s.precision(), s.recall(), s.f1(), s.accuracy(),
        Double.isNaN(rate) ? "-" : String.format("%.1f", rate));
  }

  /** The ground truth has no headline or date: report how many pages got them. */
  private static void metadataSummary(PrintWriter out, List<CleanedPage> cleaned) {
    int titles = 0;
    int dates = 0;
    int bylines = 0;
    int languages = 0;
    for (CleanedPage c : cleaned) {
      titles += c.title() != null && !c.title().isBlank() ? 1 : 0;
      dates += c.published() != null ? 1 : 0;
      bylines += c.byline() != null ? 1 : 0;
      languages += c.language() != null ? 1 : 0;
    }
    out.printf("metadata (ground truth has none to compare): headline %d, published %d, byline %d, language %d of %d pages%n",
        titles, dates, bylines, languages, cleaned.size());
  }

  private static long timeParse(List<Page> pages) {
    long t0 = System.nanoTime();
    int sink = 0;
    for (Page p : pages) {
      sink += Jsoup.parse(p.html(), p.url()).childNodeSize();
    }
    long t = System.nanoTime() - t0;
    if (sink < 0) {
      throw new IllegalStateException("unreachable: keeps the parse from being optimised away");
    }
    return t;
  }

  private static long timeClean(List<Page> pages, ArticleCleaner cleaner) {
    long t0 = System.nanoTime();
    int sink = 0;
    for (Page p : pages) {
      sink += cleaner.clean(p.html(), p.url()).text().length();
    }
    long t = System.nanoTime() - t0;
    if (sink < 0) {
      throw new IllegalStateException("unreachable: keeps the cleaner from being optimised away");
    }
    return t;
  }

  private static double rate(int pages, long nanos) {
    return pages / (nanos / 1e9);
  }

  /** Pages in ground-truth order; the benchmark's pages are UTF-8 (its README says so). */
  static List<Page> load(Path corpus) throws IOException {
    Path truthFile = corpus.resolve("ground-truth.json");
    if (!Files.isRegularFile(truthFile)) {
      throw new InvalidInputException("--corpus: no ground-truth.json in " + corpus);
    }
    JsonNode truth = JSON.readTree(truthFile.toFile());
    List<Page> pages = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = truth.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path file = corpus.resolve("html").resolve(e.getKey() + ".html.gz");
      String html = new String(SavedPages.bytes(file), StandardCharsets.UTF_8);
      pages.add(new Page(e.getKey(), e.getValue().path("url").asText(null), file, html,
          e.getValue().path("articleBody").asText("")));
    }
    return pages;
  }

  /** Saved outputs may be wrapped as {"version", "output": {...}}; keys must match the ground truth. */
  private static ShingleScorer.Score scoreSaved(List<Page> pages, Path saved, ShingleScorer scorer) throws IOException {
    JsonNode root = JSON.readTree(saved.toFile());
    JsonNode output = root.has("output") && root.get("output").isObject() ? root.get("output") : root;
    List<ShingleScorer.Counts> counts = new ArrayList<>();
    for (Page p : pages) {
      JsonNode item = output.get(p.id());
      if (item == null) {
        throw new InvalidInputException(saved + ": no prediction for " + p.id() + "; keys must match the ground truth");
      }
      counts.add(scorer.compare(p.truth(), item.path("articleBody").asText("")));
    }
    return scorer.score(counts);
  }

  private Path readabilityDir() {
    if (readabilityDir != null) {
      return readabilityDir;
    }
    try {
      // The jar lives in app/target/ of the checkout; bench/readability sits at the checkout's root.
      Path jar = Path.of(ExtractBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent().getParent().getParent();
      Path dir = root.resolve("bench/readability");
      if (Files.isRegularFile(dir.resolve("extract.js"))) {
        return dir;
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    return Path.of("bench/readability");
  }
}
