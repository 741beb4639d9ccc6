package io.wirewatch.bench;

import io.wirewatch.model.Json;
import io.wirewatch.process.story.ClusteringScores;
import io.wirewatch.process.story.InMemoryStoryState;
import io.wirewatch.process.story.Story;
import io.wirewatch.process.story.StoryAnalyzer;
import io.wirewatch.process.story.StoryAssigner;
import io.wirewatch.process.story.StoryAssignment;
import io.wirewatch.process.story.StoryCandidate;
import io.wirewatch.process.story.StoryConfig;
import io.wirewatch.process.story.StoryItem;
import io.wirewatch.process.story.StoryModel;
import io.wirewatch.process.story.TextAnalysis;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench stories-scale}: the story assignment step alone at scale, on one thread:
 * {@link SyntheticNews} with N stories all active at once and M articles within the window. Reports
 * articles/s and latency percentiles per article (analysis included, generation excluded), heap and
 * serialised bytes per story, the time to restore (decode every stored story, rebuild the candidate
 * index), a check that the restored assigner assigns exactly as the original, and, as the baseline
 * measured in the same run, the exhaustive scan of every active story that the candidate index replaces.
 */
@Command(
    name = "stories-scale",
    mixinStandardHelpOptions = true,
    description = "Story assignment at scale on generated news (one thread): articles/s, p99 per article, bytes per story, "
        + "restore time; next to the exhaustive scan of every active story. Needs a large heap: "
        + "WIREWATCH_JAVA_OPTS=-Xmx6g for the defaults.")
public final class StoriesScaleBench implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--stories", defaultValue = "100000", description = "Stories, all active at the end (default: ${DEFAULT-VALUE}).")
  int stories;

  @Option(names = "--articles", defaultValue = "1000000", description = "Articles in the window (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--check", defaultValue = "20000",
      description = "Last articles assigned by both the original and the restored assigner, which must agree (default: ${DEFAULT-VALUE}).")
  int check;

  @Option(names = "--baseline-sample", defaultValue = "100",
      description = "Articles of the check range also scored by the exhaustive scan (default: ${DEFAULT-VALUE}).")
  int baselineSample;

  @Override
  public Integer call() throws Exception {
    if (stories < 1 || check < 1 || baselineSample < 0 || baselineSample > check) {
      throw new IllegalArgumentException("need --stories >= 1, --check >= 1 and 0 <= --baseline-sample <= --check");
    }
    if (articles < 2 * stories + check) {
      throw new IllegalArgumentException("--articles must be at least 2 x --stories + --check = " + (2L * stories + check));
    }
    PrintWriter out = spec.commandLine().getOut();
    StoryConfig config = StoryConfig.DEFAULT;
    Duration span = config.window().minusHours(12);
    SyntheticNews news = new SyntheticNews(seed, stories, articles, Instant.parse("2024-03-01T00:00:00Z"), span);
    StoryAnalyzer analyzer = StoryAnalyzer.bundled();
    StoryModel model = StoryModel.bundled();
    out.printf("bench stories-scale: %,d stories, %,d articles over %s (window %s: all stay active), seed %d, max heap %d MB%n",
        stories, articles, span, config.window(), seed, Runtime.getRuntime().maxMemory() >> 20);
    out.printf("one thread; per article: analysis, candidate lookup (%d query terms, <= %d candidates), scoring, update%n",
        config.queryTerms(), config.candidates());
    out.flush();

    long heapBefore = usedHeap();
    InMemoryStoryState state = new InMemoryStoryState();
    StoryAssigner assigner = new StoryAssigner(state, analyzer, model, config);
    int main = articles - check;
    long[] latency = new long[main];
    long[] cpu = new long[main];
    long[] serial = new long[main];
    long[] serialCpu = new long[main];
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int[] predicted = new int[articles];
    Map<String, Integer> storyNumber = new HashMap<>();
    long wall = System.nanoTime();
    for (int i = 0; i < main; i++) {
      StoryItem item = news.article(i);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      TextAnalysis analysis = analyzer.analyze(item.title(), item.text());
      long c1 = threads.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      StoryAssignment a = assigner.assign(item, analysis, null);
      long t2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      latency[i] = t2 - t0;
      cpu[i] = c2 - c0;
      serial[i] = t2 - t1;
      serialCpu[i] = c2 - c1;
      predicted[i] = storyNumber.computeIfAbsent(a.storyId(), k -> storyNumber.size());
      if ((i + 1) % 100_000 == 0) {
        out.printf("  %,9d articles, %,7d stories, %.0f articles/s so far (analysis and assignment)%n", i + 1, state.storyCount(),
            (i + 1) / (Arrays.stream(latency, 0, i + 1).sum() / 1e9));
        out.flush();
      }
    }
    double wallSeconds = (System.nanoTime() - wall) / 1e9;
    long heapAfter = usedHeap();
    int active = state.storyCount();

    int born = news.allBorn();
    out.printf("%none thread, per article                       %14s %14s%n", "births phase", "all active");
    out.printf("articles                                      %,14d %,14d%n", born, main - born);
    report(out, "analysis + assignment", latency, cpu, 0, born, main);
    report(out, "assignment given the analysis (serial part)", serial, serialCpu, 0, born, main);
    out.printf("(the analysis depends on the article alone and can run upstream, in parallel; the assignment is serial per "
        + "language. Elapsed times include waiting for a core on this shared machine, thread CPU time does not. Wall time "
        + "with generation: %.0f s)%n", wallSeconds);

    List<String> gold = new ArrayList<>(main);
    List<String> pred = new ArrayList<>(main);
    for (int i = 0; i < main; i++) {
      gold.add(Integer.toString(news.storyOf(i)));
      pred.add(Integer.toString(predicted[i]));
    }
    ClusteringScores q = ClusteringScores.of(pred, gold);
    out.printf("%nquality on the generated gold (a sanity check of the generator, not a claim): B3 P %.3f R %.3f F1 %.3f, "
        + "%,d stories found for %,d%n", q.b3Precision(), q.b3Recall(), q.b3F1(), q.predictedClusters(), q.goldClusters());

    // State size: what a key-value store holds, and what this JVM holds.
    List<byte[]> stored = new ArrayList<>(active);
    long[] sizes = new long[active];
    state.forEachStory(s -> {
      try {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(s);
        sizes[stored.size()] = bytes.length;
        stored.add(bytes);
      } catch (Exception e) {
        throw new IllegalStateException("cannot serialise story " + s.id(), e);
      }
    });
    Arrays.sort(sizes);
    long jsonTotal = Arrays.stream(sizes).sum();
    out.printf("%nstate: %,d active stories, %,d terms with a document frequency%n", active, state.termCount());
    out.printf("story as stored (JSON): mean %,d bytes, p99 %,d, max %,d; all stories %,d MB%n", jsonTotal / active,
        sizes[(int) (0.99 * (active - 1))], sizes[active - 1], jsonTotal >> 20);
    out.printf("heap after the run (stories, index, document frequencies): %,d MB = %,d bytes per story%n",
        (heapAfter - heapBefore) >> 20, (heapAfter - heapBefore) / active);

    // Restore: decode every stored story into a fresh state, then build an assigner (it rebuilds the index).
    long r0 = System.nanoTime();
    InMemoryStoryState restored = new InMemoryStoryState();
    for (byte[] bytes : stored) {
      restored.putStory(Json.MAPPER.readValue(bytes, Story.class));
    }
    long r1 = System.nanoTime();
    state.copyFrequenciesTo(restored);
    long r2 = System.nanoTime();
    StoryAssigner again = new StoryAssigner(restored, analyzer, model, config);
    long r3 = System.nanoTime();
    out.printf("restore: decode %,d stories %.2f s, copy document frequencies %.2f s, rebuild the candidate index %.2f s%n",
        active, (r1 - r0) / 1e9, (r2 - r1) / 1e9, (r3 - r2) / 1e9);
    int rebuiltTwice = again.rebuildIndex();
    long r4 = System.nanoTime();
    out.printf("         rebuild again from the same state: %,d stories in %.2f s%n", rebuiltTwice, (r4 - r3) / 1e9);

    // The check range: original and restored assigner side by side; a sample also scanned exhaustively.
    int same = 0;
    int exhaustiveAgrees = 0;
    long exhaustiveNanos = 0;
    long indexedNanos = 0;
    int sampled = 0;
    int step = baselineSample == 0 ? Integer.MAX_VALUE : Math.max(1, check / baselineSample);
    for (int i = main; i < articles; i++) {
      StoryItem item = news.article(i);
      String exhaustiveChoice = null;
      boolean sample = (i - main) % step == 0 && sampled < baselineSample;
      if (sample) {
        long t0 = System.nanoTime();
        List<StoryCandidate> all = again.scoreAllActive(item, null);
        exhaustiveNanos += System.nanoTime() - t0;
        exhaustiveChoice = !all.isEmpty() && all.get(0).score() >= model.threshold() ? all.get(0).storyId() : "(new)";
      }
      long t0 = System.nanoTime();
      StoryAssignment x = assigner.assign(item, null);
      long t1 = System.nanoTime();
      StoryAssignment y = again.assign(item, null);
      if (sample) {
        indexedNanos += t1 - t0;
        sampled++;
        if (exhaustiveChoice.equals(y.started() ? "(new)" : y.storyId())) {
          exhaustiveAgrees++;
        }
      }
      if (x.storyId().equals(y.storyId())) {
        same++;
      }
    }
    out.printf("restore check: %,d further articles, same story id from the original and the restored assigner: %,d (%s)%n",
        check, same, same == check ? "all" : "MISMATCH");
    if (sampled > 0) {
      double exhaustiveRate = sampled / (exhaustiveNanos / 1e9);
      double indexedRate = sampled / (indexedNanos / 1e9);
      out.printf("%nbaseline, %d sampled articles: exhaustive scan of all %,d active stories %,.1f articles/s; "
          + "candidate index %,.0f articles/s (%.0fx)%n", sampled, active, exhaustiveRate, indexedRate, indexedRate / exhaustiveRate);
      out.printf("the exhaustive scan's decision (best story above the threshold, or a new story) = the indexed one: %d of %d%n",
          exhaustiveAgrees, sampled);
    }
    out.flush();
    return 0;
  }

  private static void report(PrintWriter out, String what, long[] elapsed, long[] cpu, int from, int born, int to) {
    Phase a = new Phase(elapsed, from, born);
    Phase b = new Phase(elapsed, born, to);
    Phase ac = new Phase(cpu, from, born);
    Phase bc = new Phase(cpu, born, to);
    out.printf("%s%n", what);
    out.printf("  articles/s                                  %,14.0f %,14.0f%n", a.rate, b.rate);
    out.printf("  articles per CPU-second                     %,14.0f %,14.0f%n", ac.rate, bc.rate);
    out.printf("  p50 / p99 per article (ms)             %9.3f %6.3f %7.3f %6.3f%n", a.p50, a.p99, b.p50, b.p99);
    out.printf("  p99.9 / max per article (ms)           %9.3f %6.1f %7.3f %6.1f%n", a.p999, a.max, b.p999, b.max);
    out.printf("  p99 CPU per article (ms)                    %14.3f %14.3f%n", ac.p99, bc.p99);
  }

  /** Latency figures of one phase. */
  private static final class Phase {
    final int count;
    final double rate;
    final double p50;
    final double p99;
    final double p999;
    final double max;

    Phase(long[] latency, int from, int to) {
      long[] l = Arrays.copyOfRange(latency, from, to);
      Arrays.sort(l);
      count = l.length;
      rate = count / (Arrays.stream(l).sum() / 1e9);
      p50 = l[(int) (0.50 * (count - 1))] / 1e6;
      p99 = l[(int) (0.99 * (count - 1))] / 1e6;
      p999 = l[(int) (0.999 * (count - 1))] / 1e6;
      max = l[count - 1] / 1e6;
    }
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
