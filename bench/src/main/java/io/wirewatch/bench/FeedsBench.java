package io.wirewatch.bench;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.wirewatch.bench.FeedCorpus.Case;
import io.wirewatch.bench.FeedCorpus.Expected;
import io.wirewatch.ingest.feed.FeedEntry;
import io.wirewatch.ingest.feed.FeedReader;
import io.wirewatch.ingest.fetch.UrlCanonicalizer;
import io.wirewatch.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench feeds --corpus DIR}: parses every feed file of a corpus with the
 * ingestor's {@link FeedReader} and, as the baseline in the same run, with plain Rome (its own
 * XmlReader charset rules, which the ingestor used before). Reports parse rates, failures grouped
 * by reason, and agreement with gofeed's expected titles, links and dates.
 */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = "Parses every .xml/.rss/.atom/.rdf file under --corpus (e.g. ../shared/corpora/feeds) "
        + "with the ingestor's reader and with plain Rome as a baseline; prints files, parsed, failures "
        + "grouped by reason, and agreement with gofeed's expected JSON on title, link and published. "
        + "feedparser 'Header: Content-type' lines are passed as the HTTP Content-Type. A well-formed feed "
        + "is accepted by a strict namespace-aware XML parser, not marked ill-formed by its suite, and has "
        + "a feed root (rss, feed, rdf:RDF, CDF channel); well-formed XML with another root should be "
        + "refused and is counted apart.")
public final class FeedsBench implements Callable<Integer> {

  @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Corpus root directory.")
  Path corpus;

  @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
      description = "Per-file limit; a parse that takes longer counts as a hang (default 10).")
  int timeoutSeconds;

  @Option(names = "--show-disagreements", description = "Print each gofeed disagreement of the ingestor's reader to stderr.")
  boolean showDisagreements;

  /** Tallies of one parser. */
  private static final class Tally {
    int files;
    int parsed;
    int wellFormed;
    int wellFormedParsed;
    int notFeed;
    int notFeedRefused;
    int illFormed;
    int illFormedParsed;
    int hangs;
    int crashes;
    int titleChecks;
    int titleAgree;
    int linkChecks;
    int linkAgree;
    int dateChecks;
    int dateAgree;
    long nanos;
    final Map<String, Integer> reasons = new TreeMap<>();
    /** Well-formed files that did not parse, with the reason: the target is none, so each is named. */
    final Map<Path, String> wellFormedFailures = new TreeMap<>();
  }

  private interface Parser {
    List<FeedEntry> parse(byte[] body, String contentType, URI url) throws Exception;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(corpus)) {
      // The command line's error handler prints "wirewatch: <message>" and exits with 2.
      throw new InvalidInputException("corpus directory " + corpus + " does not exist");
    }
    List<Case> cases = FeedCorpus.scan(corpus);
    FeedReader reader = new FeedReader();
    Tally ours = run(cases, reader::read, showDisagreements);
    Tally rome = run(cases, FeedsBench::plainRome, false);
    System.out.printf("bench feeds: %d files under %s%n%n", cases.size(), corpus);
    System.out.printf("%-34s %14s %14s %8s%n", "", "wirewatch", "plain Rome", "ratio");
    row("files", ours.files, rome.files);
    row("parsed", ours.parsed, rome.parsed);
    row("failed", ours.files - ours.parsed, rome.files - rome.parsed);
    pct("well-formed feeds parsed (" + ours.wellFormed + ")", ours.wellFormedParsed, ours.wellFormed,
        rome.wellFormedParsed, rome.wellFormed);
    row("XML but no feed: refused (" + ours.notFeed + ")", ours.notFeedRefused, rome.notFeedRefused);
    row("ill-formed: parsed anyway", ours.illFormedParsed, rome.illFormedParsed);
    row("ill-formed: crash or hang (" + ours.illFormed + ")", ours.crashes + ours.hangs, rome.crashes + rome.hangs);
    pct("gofeed title agreement", ours.titleAgree, ours.titleChecks, rome.titleAgree, rome.titleChecks);
    pct("gofeed link agreement", ours.linkAgree, ours.linkChecks, rome.linkAgree, rome.linkChecks);
    pct("gofeed published agreement", ours.dateAgree, ours.dateChecks, rome.dateAgree, rome.dateChecks);
    System.out.printf("%-34s %13.1fs %13.1fs %8s%n", "parse time", ours.nanos / 1e9, rome.nanos / 1e9,
        ratio(ours.nanos, rome.nanos));
    System.out.printf("%nwirewatch failures by reason (well-formed feeds marked *, well-formed XML that is no feed -):%n");
    ours.reasons.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(25)
        .forEach(e -> System.out.printf("%6d  %s%n", e.getValue(), e.getKey()));
    if (!ours.wellFormedFailures.isEmpty()) {
      System.out.printf("%nwell-formed files the ingestor's reader failed on:%n");
      ours.wellFormedFailures.forEach((file, why) -> System.out.printf("  %s%n      %s%n", corpus.relativize(file), why));
    }
    return 0;
  }

  private Tally run(List<Case> cases, Parser parser, boolean show) throws Exception {
    Tally t = new Tally();
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread th = new Thread(r, "bench-feeds");
      th.setDaemon(true);
      return th;
    });
    try {
      for (Case c : cases) {
        t.files++;
        switch (c.kind()) {
          case WELL_FORMED_FEED -> t.wellFormed++;
          case NOT_A_FEED -> t.notFeed++;
          case ILL_FORMED -> t.illFormed++;
        }
        byte[] body = Files.readAllBytes(c.file());
        URI url = c.file().toUri();
        long t0 = System.nanoTime();
        Future<List<FeedEntry>> f = pool.submit(() -> parser.parse(body, c.contentType(), url));
        List<FeedEntry> entries;
        try {
          entries = f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          t.hangs++;
          reason(t, c, "hang: no result within " + timeoutSeconds + "s");
          pool.shutdownNow();
          pool = Executors.newSingleThreadExecutor();
          continue;
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Error || cause instanceof RuntimeException && !(cause instanceof IllegalArgumentException)) {
            t.crashes++;
          }
          reason(t, c, cause.getClass().getSimpleName() + ": " + cause.getMessage());
          if (c.kind() == FeedCorpus.Kind.NOT_A_FEED) {
            t.notFeedRefused++;
          }
          continue;
        } finally {
          t.nanos += System.nanoTime() - t0;
        }
        t.parsed++;
        switch (c.kind()) {
          case WELL_FORMED_FEED -> t.wellFormedParsed++;
          case NOT_A_FEED -> { } // entries from a non-feed: shown by the refused row falling short
          case ILL_FORMED -> t.illFormedParsed++;
        }
        if (c.gofeed() != null) {
          compare(t, c.gofeed(), entries, url, show ? c.file().toString() : null);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return t;
  }

  private static void compare(Tally t, List<Expected> expected, List<FeedEntry> got, URI base, String show) {
    int before = t.titleAgree + t.linkAgree + t.dateAgree;
    int checksBefore = t.titleChecks + t.linkChecks + t.dateChecks;
    compare(t, expected, got, base);
    if (show != null && (t.titleAgree + t.linkAgree + t.dateAgree) - before
        != (t.titleChecks + t.linkChecks + t.dateChecks) - checksBefore) {
      System.err.println("disagreement in " + show + "\n  expected " + expected + "\n  got      " + got);
    }
  }

  private static void compare(Tally t, List<Expected> expected, List<FeedEntry> got, URI base) {
    for (int i = 0; i < expected.size(); i++) {
      Expected e = expected.get(i);
      FeedEntry g = i < got.size() ? got.get(i) : null;
      if (e.title() != null) {
        t.titleChecks++;
        if (g != null && e.title().strip().equals(g.title() == null ? null : g.title().strip())) {
          t.titleAgree++;
        }
      }
      if (e.link() != null) {
        t.linkChecks++;
        if (g != null && g.link() != null && (Objects.equals(canonical(base, e.link()), g.link())
            || oneOfSeveral(base, e.links(), g.link()))) {
          t.linkAgree++;
        }
      }
      if (e.published() != null) {
        t.dateChecks++;
        if (g != null && e.published().equals(g.published())) {
          t.dateAgree++;
        }
      }
    }
  }

  /**
   * An RSS item may have only one {@code <link>}; when a feed gives several, which one is "the" link
   * is each parser's convention (gofeed keeps the last, Rome the first), and any of them is the feed's
   * own link to the article, so a reader choosing another one of gofeed's own list is no error a user
   * would see. With a single link nothing changes: it must be that link.
   */
  private static boolean oneOfSeveral(URI base, List<String> links, URI got) {
    return links.size() > 1 && links.stream().anyMatch(l -> got.equals(canonical(base, l)));
  }

  /** Both sides canonicalised the same way, so only real disagreements count. */
  private static URI canonical(URI base, String href) {
    try {
      return UrlCanonicalizer.canonicalize(base, href.strip());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void reason(Tally t, Case c, String message) {
    String m = String.valueOf(message).replaceAll("\\(url=[^)]*\\)", "").replaceAll("[0-9]+", "N")
        .replaceAll("\\s+", " ").strip();
    if (m.length() > 110) {
      m = m.substring(0, 110) + "…";
    }
    String mark = switch (c.kind()) {
      case WELL_FORMED_FEED -> "* ";
      case NOT_A_FEED -> "- ";
      case ILL_FORMED -> "  ";
    };
    t.reasons.merge(mark + "[" + c.suite() + "] " + m, 1, Integer::sum);
    if (c.wellFormed()) {
      t.wellFormedFailures.put(c.file(), String.valueOf(message).replaceAll("\\s+", " ").strip());
    }
  }

  /** The baseline: Rome alone, with its own charset detection, as the ingestor parsed before. */
  private static List<FeedEntry> plainRome(byte[] body, String contentType, URI url) throws Exception {
    try (XmlReader r = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      SyndFeedInput in = new SyndFeedInput();
      in.setAllowDoctypes(false);
      List<FeedEntry> out = new ArrayList<>();
      for (SyndEntry e : in.build(r).getEntries()) {
        URI link = null;
        if (e.getLink() != null && !e.getLink().isBlank()) {
          link = canonical(url, e.getLink());
        }
        Instant published = e.getPublishedDate() != null ? e.getPublishedDate().toInstant()
            : e.getUpdatedDate() != null ? e.getUpdatedDate().toInstant() : null;
        out.add(new FeedEntry(e.getUri(), e.getTitle(), link, published, e.getAuthor(), null));
      }
      return out;
    }
  }

  private static void row(String name, long a, long b) {
    System.out.printf("%-34s %14d %14d %8s%n", name, a, b, ratio(a, b));
  }

  private static void pct(String name, int a, int an, int b, int bn) {
    System.out.printf("%-34s %8d/%-5d %8d/%-5d %8s%n", name, a, an, b, bn, "");
    System.out.printf("%-34s %13.2f%% %13.2f%% %8s%n", "", 100.0 * a / Math.max(an, 1), 100.0 * b / Math.max(bn, 1),
        ratio(a * (long) Math.max(bn, 1), b * (long) Math.max(an, 1)));
  }

  private static String ratio(long a, long b) {
    return b == 0 ? "-" : String.format("%.2fx", (double) a / b);
  }
}
