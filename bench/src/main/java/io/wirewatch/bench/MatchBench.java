package io.wirewatch.bench;

import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Rule;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.match.ArticleDocument;
import io.wirewatch.process.match.NewsAnalyzer;
import io.wirewatch.process.match.NewsQueryParser;
import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.clean.CleanedPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench match}: how fast the alert matcher runs N stored searches against
 * real-length articles, next to stock Lucene Monitor (default presearcher, highlights for every
 * match) and, up to 10k rules, a naive matcher (each rule as regular expressions over each
 * article), all measured in the same run on the same articles and rules, on one thread.
 */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description = "Times the rule matcher for N generated rules on real-length articles, against stock "
        + "Lucene Monitor and (N <= 10k) a naive regex matcher measured in the same run.")
public final class MatchBench implements Callable<Integer> {

  @Option(names = "--rules", split = ",", paramLabel = "N[,N...]", defaultValue = "1000,10000,100000,350000",
      description = "Rule counts to measure (default: ${DEFAULT-VALUE}).")
  List<Integer> ruleCounts;

  @Option(names = "--corpus", paramLabel = "DIR",
      description = "Zyte article-extraction benchmark directory (html/*.html.gz are cleaned and used as articles). "
          + "Default: generated articles of similar length.")
  Path corpus;

  @Option(names = "--naive-max", defaultValue = "10000", description = "Largest N also run with the naive matcher (default: ${DEFAULT-VALUE}).")
  int naiveMax;

  @Option(names = "--stock-max", defaultValue = "350000", description = "Largest N also run with stock Lucene Monitor (default: ${DEFAULT-VALUE}).")
  int stockMax;

  @Option(names = "--in-sample",
      description = "Draw the rules from the timed articles themselves. By default they are drawn from the other half "
          + "of the corpus: stored searches are written before the news they catch, and a rule made of a word seen "
          + "only in one timed article is bound to match it.")
  boolean inSample;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the rule generator (default: ${DEFAULT-VALUE}).")
  long seed;

  /** What one matcher did over the article set. */
  record Timing(double articlesPerSecond, double p50Ms, double p99Ms, double candidates, double matches,
      double articlesPerCpuSecond) {}

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    List<BenchArticle> all = corpus == null ? synthetic(400, seed) : cleaned(corpus);
    List<BenchArticle> history = new ArrayList<>();
    List<BenchArticle> articles = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (inSample || i % 2 == 1 ? articles : history).add(all.get(i));
    }
    if (inSample) {
      history = articles;
    }
    double avgWords = articles.stream().mapToInt(a -> a.text().split("\\s+").length).average().orElse(0);
    out.printf(Locale.ROOT, "articles: %d timed (%s), %.0f words on average; rules drawn from %s; one thread; max heap %d MB%n",
        articles.size(), corpus == null ? "generated" : corpus, avgWords,
        inSample ? "the timed articles themselves (--in-sample)" : "the vocabulary of " + history.size() + " other articles",
        Runtime.getRuntime().maxMemory() >> 20);
    RuleGenerator generator = new RuleGenerator(history);
    out.println();
    out.println("rules    | wirewatch: art/s  p50 ms  p99 ms  cand/art  match/art (share) heap B/rule | "
        + "stock monitor: art/s  p50 ms  p99 ms  cand/art | naive regex: art/s | speed-up vs stock, vs naive");
    List<String> cpuRows = new ArrayList<>();
    for (int n : ruleCounts) {
      List<GeneratedRule> rules = generator.generate(n, seed + n);
      long before = usedHeapAfterGc();
      Timing ours;
      long bytesPerRule;
      try (RuleBook matcher = new RuleBook(toRules(rules))) {
        bytesPerRule = (usedHeapAfterGc() - before) / n;
        int[] matched = new int[1];
        ours = time(articles, a -> {
          RuleBook.Result r = matcher.matchDetailed(a.title(), a.text());
          matched[0] = r.matches().size();
          return r.candidates();
        }, a -> matched[0]);
      }
      Timing stock = n <= stockMax ? stock(articles, rules) : null;
      Timing naive = n <= naiveMax ? naive(articles, rules) : null;
      out.printf(Locale.ROOT, "%-8d | %8.1f %7.2f %7.2f %9.0f %6.1f (%.2f%%) %8d | %8.1f %7.2f %7.2f %9.0f | %8s | %s, %s%n",
          n, ours.articlesPerSecond, ours.p50Ms, ours.p99Ms, ours.candidates, ours.matches,
          100.0 * ours.matches / n, bytesPerRule,
          stock == null ? Double.NaN : stock.articlesPerSecond, stock == null ? Double.NaN : stock.p50Ms,
          stock == null ? Double.NaN : stock.p99Ms, stock == null ? Double.NaN : stock.candidates,
          naive == null ? "-" : String.format(Locale.ROOT, "%.1f", naive.articlesPerSecond),
          stock == null ? "-" : String.format(Locale.ROOT, "%.1fx", ours.articlesPerSecond / stock.articlesPerSecond),
          naive == null ? "-" : String.format(Locale.ROOT, "%.1fx", ours.articlesPerSecond / naive.articlesPerSecond));
      cpuRows.add(String.format(Locale.ROOT, "%-8d | %16.1f | %16s | %s", n, ours.articlesPerCpuSecond,
          stock == null ? "-" : String.format(Locale.ROOT, "%.1f", stock.articlesPerCpuSecond),
          stock == null ? "-" : String.format(Locale.ROOT, "%.1fx", ours.articlesPerCpuSecond / stock.articlesPerCpuSecond)));
    }
    // Wall-clock figures suffer when other processes share the cores; the matching thread's own
    // CPU time does not, so a noisy run can still be compared with a quiet one.
    out.println();
    out.println("CPU time of the matching thread (GC threads excluded):");
    out.println("rules    | wirewatch art/cpu-s | stock art/cpu-s | speed-up vs stock");
    cpuRows.forEach(out::println);
    return 0;
  }

  private static List<Rule> toRules(List<GeneratedRule> rules) {
    List<Rule> out = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      out.add(new Rule("r" + i, rules.get(i).lucene()));
    }
    return out;
  }

  /**
   * Stock Lucene Monitor as its documentation sets it up: default presearcher, every candidate
   * checked by a Lucene search with highlights. Same rules, same parsed queries, same documents.
   */
  private static Timing stock(List<BenchArticle> articles, List<GeneratedRule> rules) throws Exception {
    NewsQueryParser parser = new NewsQueryParser();
    try (Monitor monitor = new Monitor(NewsAnalyzer.create())) {
      List<MonitorQuery> queries = new ArrayList<>(rules.size());
      for (int i = 0; i < rules.size(); i++) {
        queries.add(new MonitorQuery("r" + i, parser.parse(rules.get(i).lucene())));
      }
      monitor.register(queries);
      int[] matched = new int[1];
      return time(articles, a -> {
        try {
          MatchingQueries<HighlightsMatch> m = monitor.match(doc(a), HighlightsMatch.MATCHER);
          matched[0] = m.getMatchCount();
          return m.getQueriesRun();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }, a -> matched[0]);
    }
  }

  private static Timing naive(List<BenchArticle> articles, List<GeneratedRule> rules) {
    var predicates = rules.stream().map(GeneratedRule::regex).toList();
    return time(articles, a -> {
      int m = 0;
      for (var p : predicates) {
        if (p.test(a)) {
          m++;
        }
      }
      return m;
    }, a -> 0, 1); // one pass: the naive matcher is too slow for more, and it reports no percentiles
  }

  /** The same document as the matcher under test builds, so that only presearcher and check differ. */
  private static Document doc(BenchArticle a) {
    return ArticleDocument.plain(a.title(), a.text());
  }

  /** Timed passes over the article set: about 90 articles per pass would make p99 the single slowest one. */
  static final int TIMED_ROUNDS = 3;

  /**
   * Runs {@code work} on the first articles to warm up, then {@code rounds} timed passes over all
   * of them. {@code work} returns the candidate count; {@code matches} is asked after
   * it, untimed.
   */
  static Timing time(List<BenchArticle> articles, ToIntFunction<BenchArticle> work, ToIntFunction<BenchArticle> matches) {
    return time(articles, work, matches, TIMED_ROUNDS);
  }

  static Timing time(List<BenchArticle> articles, ToIntFunction<BenchArticle> work, ToIntFunction<BenchArticle> matches,
      int rounds) {
    for (BenchArticle a : articles.subList(0, Math.min(30, articles.size()))) {
      work.applyAsInt(a);
    }
    int n = articles.size() * rounds;
    long[] ns = new long[n];
    long candidates = 0;
    long matched = 0;
    long total = 0;
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      BenchArticle a = articles.get(i % articles.size());
      long t0 = System.nanoTime();
      candidates += work.applyAsInt(a);
      ns[i] = System.nanoTime() - t0;
      total += ns[i];
      matched += matches.applyAsInt(a);
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    Arrays.sort(ns);
    return new Timing(n / (total / 1e9), ns[n / 2] / 1e6, Percentile.of(ns, 0.99) / 1e6,
        (double) candidates / n, (double) matched / n, n / (cpu / 1e9));
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The Zyte benchmark pages through the cleaner, as the process stage would see them. */
  private static List<BenchArticle> cleaned(Path dir) throws IOException {
    Path html = dir.resolve("html");
    if (!Files.isDirectory(html)) {
      throw new InvalidInputException("--corpus: " + html + " is not a directory (expected the Zyte benchmark layout)");
    }
    ArticleCleaner cleaner = new ArticleCleaner();
    List<BenchArticle> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(html)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".html.gz")).sorted().toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
          CleanedPage page = cleaner.clean(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
          if (!page.text().isBlank()) {
            out.add(new BenchArticle(page.title() == null ? "" : page.title(), page.text()));
          }
        }
      }
    }
    return out;
  }

  /** Articles of ~700 words from a Zipf-distributed vocabulary, for runs without a corpus. */
  static List<BenchArticle> synthetic(int count, long seed) {
    Random r = new Random(seed);
    int vocabulary = 30_000;
    double[] cumulative = new double[vocabulary];
    double sum = 0;
    for (int i = 0; i < vocabulary; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    List<BenchArticle> out = new ArrayList<>();
    for (int a = 0; a < count; a++) {
      out.add(new BenchArticle(words(r, cumulative, sum, 8), words(r, cumulative, sum, 700)));
    }
    return out;
  }

  private static String words(Random r, double[] cumulative, double sum, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int idx = Arrays.binarySearch(cumulative, r.nextDouble() * sum);
      int w = idx >= 0 ? idx : -idx - 1;
      sb.append(i == 0 ? "" : " ").append("word").append(Integer.toString(w, 26).replaceAll("[0-9]", "x"));
    }
    return sb.toString();
  }
}
