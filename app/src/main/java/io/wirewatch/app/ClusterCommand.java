package io.wirewatch.app;

import io.wirewatch.model.InvalidInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.model.Json;
import io.wirewatch.model.config.Settings;
import io.wirewatch.process.story.InMemoryStoryState;
import io.wirewatch.process.story.StoryAnalyzer;
import io.wirewatch.process.story.StoryAssigner;
import io.wirewatch.process.story.StoryAssignment;
import io.wirewatch.process.story.StoryCandidate;
import io.wirewatch.process.story.StoryConfig;
import io.wirewatch.process.story.StoryFeatures;
import io.wirewatch.process.story.StoryItemsFile;
import io.wirewatch.process.story.StoryModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirewatch cluster}: the story clusterer of the process stage, without Kafka, over JSON-lines files. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
        "Groups articles into stories as the process stage does, without Kafka: items are taken in file order "
            + "(files in the order given) and each gets a story id, written as one JSON line {\"id\",\"story\"} per item.",
        "Input: JSON lines {\"id\",\"title\",\"text\",\"published\",\"source\",\"language\"}; other fields (story "
            + "included) are ignored. An item without \"published\" takes the latest time seen before it."})
final class ClusterCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE.jsonl", description = "Items, one JSON object a line.")
  List<Path> files;

  @Option(names = "--explain", paramLabel = "ID",
      description = "Also print (on stderr, so that stdout stays JSON lines) why this item joined its story or started "
          + "one: the candidate stories, the features and their weights. Repeatable.")
  List<String> explain = new ArrayList<>();

  @Option(names = "--model", paramLabel = "FILE", description = "Story model (default: the bundled one; bench stories --write-model makes one).")
  Path modelFile;

  @Option(names = "--window", defaultValue = "3d", paramLabel = "DURATION",
      description = "A story closes after this long without an article, in event time (default: ${DEFAULT-VALUE}; 30m, 36h, 3d...).")
  String window;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StoryModel model = modelFile == null ? StoryModel.bundled() : readModel(modelFile);
    StoryConfig config = StoryConfig.DEFAULT.withWindow(duration(window));
    // First pass: a bad line stops the command before anything is written.
    Set<String> wanted = new LinkedHashSet<>(explain);
    for (Path f : files) {
      StoryItemsFile.forEach(f, line -> wanted.remove(line.item().id()));
    }
    if (!wanted.isEmpty()) {
      throw new InvalidInputException("--explain: no item with id " + String.join(", ", wanted) + " in " + files);
    }
    StoryAssigner assigner = new StoryAssigner(new InMemoryStoryState(), StoryAnalyzer.bundled(), model, config);
    Instant[] clock = {Instant.EPOCH};
    for (Path f : files) {
      StoryItemsFile.forEach(f, line -> {
        Instant published = line.item().published();
        if (published != null && published.isAfter(clock[0])) {
          clock[0] = published;
        }
        assigner.closeExpired(clock[0]);
        StoryAssignment a = assigner.assign(line.item(), clock[0]);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", a.articleId());
        json.put("story", a.storyId());
        out.println(json);
        if (explain.contains(a.articleId())) {
          err.print(explanation(a, model));
          err.flush();
        }
      });
    }
    out.flush();
    return 0;
  }

  static String explanation(StoryAssignment a, StoryModel model) {
    StringBuilder b = new StringBuilder();
    if (a.started()) {
      b.append(String.format(Locale.ROOT, "%s started story %s", a.articleId(), a.storyId()));
      if (a.candidates().isEmpty()) {
        b.append(": no active story shares its heaviest terms ").append(a.terms()).append('\n');
        return b.toString();
      }
      b.append(String.format(Locale.ROOT, ": the best candidate scored p=%.3f, below the threshold %.3f%n", a.score(), a.threshold()));
    } else {
      b.append(String.format(Locale.ROOT, "%s joined story %s (\"%s\", %d articles now) with p=%.3f, threshold %.3f%s%n",
          a.articleId(), a.storyId(), a.story().headline(), a.story().articleCount(), a.score(), a.threshold(),
          a.duplicate() ? "; a near-copy of one of its articles (shingle Jaccard >= "
              + StoryConfig.DEFAULT.duplicateJaccard() + ")" : ""));
    }
    b.append("  looked up by its terms ").append(a.terms()).append('\n');
    int shown = 0;
    for (StoryCandidate c : a.candidates()) {
      if (shown++ == 3) {
        b.append(String.format(Locale.ROOT, "  ... and %d more candidates%n", a.candidates().size() - 3));
        break;
      }
      b.append(String.format(Locale.ROOT, "  %s story %s \"%s\": p=%.3f, shingle Jaccard %.2f%n",
          shown == 1 && !a.started() ? "joined" : "candidate", c.storyId(), c.headline(), c.score(), c.duplicate()));
      double[] contrib = model.contributions(c.features());
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < contrib.length; i++) {
        if (contrib[i] != 0) {
          order.add(i);
        }
      }
      order.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(contrib[i])).thenComparing(i -> i));
      b.append("    ");
      for (int k = 0; k < Math.min(6, order.size()); k++) {
        int i = order.get(k);
        b.append(String.format(Locale.ROOT, "%s%s=%.3f (%+.2f)", k == 0 ? "" : ", ", StoryFeatures.NAMES.get(i), c.features()[i], contrib[i]));
      }
      b.append(String.format(Locale.ROOT, "%sbias (%+.2f)%n", order.isEmpty() ? "" : ", ", model.bias()));
    }
    return b.toString();
  }

  private static StoryModel readModel(Path file) {
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return StoryModel.read(r, file.toString());
    } catch (IOException e) {
      throw new InvalidInputException("--model: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static Duration duration(String s) {
    Duration d;
    try {
      d = Settings.parseDuration(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--window: " + e.getMessage());
    }
    if (d.isZero()) {
      throw new InvalidInputException("--window: must be positive, got '" + s + "'");
    }
    return d;
  }
}
