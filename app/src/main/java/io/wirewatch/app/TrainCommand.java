package io.wirewatch.app;

import io.wirewatch.model.InvalidInputException;
import io.wirewatch.process.classify.LabelledCsv;
import io.wirewatch.process.classify.LabelledText;
import io.wirewatch.process.classify.TopicModel;
import io.wirewatch.process.classify.TopicModelTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirewatch train}: a topic model from labelled texts, for {@code process.topic-model}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Trains the learned topic model from a labelled CSV (columns label,title,description) "
        + "and writes the model file that the process stage loads with --set process.topic-model=FILE.")
final class TrainCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Labelled texts, with a header row.")
  Path csv;

  @Option(names = "--model", required = true, paramLabel = "OUT", description = "Model file to write (gzip).")
  Path model;

  @Option(names = "--label", paramLabel = "VALUE=NAME",
      description = "Rename a label, repeatable. Default: the AG News classes 1=World 2=Sports 3=Business 4=Sci/Tech.")
  Map<String, String> labelNames = new TreeMap<>(LabelledCsv.AG_NEWS_LABELS);

  @Option(names = "--bits", defaultValue = "20", description = "log2 of the word part's hash buckets (default: ${DEFAULT-VALUE}).")
  int bits;

  @Option(names = "--char-bits", defaultValue = "18",
      description = "log2 of the character n-gram part's hash buckets; 0 trains the word part alone, "
          + "about ten times faster and a point of a percent less accurate (default: ${DEFAULT-VALUE}).")
  int charBits;

  @Option(names = "--c", defaultValue = "16", description = "Inverse regularization strength (default: ${DEFAULT-VALUE}).")
  double c;

  @Option(names = "--inner-folds", defaultValue = "3",
      description = "Folds of the training texts on which the word and character parts' weights are chosen; "
          + "0 pools them with equal weights and trains about 3 times faster (default: ${DEFAULT-VALUE}).")
  int innerFolds;

  @Option(names = "--seed", defaultValue = "42", description = "Solver seed; same data and seed, same model (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<LabelledText> examples;
    try {
      examples = LabelledCsv.read(csv, labelNames);
    } catch (IOException e) {
      throw new InvalidInputException("--csv: " + e.getMessage(), e);
    }
    TopicModelTrainer.Options d = TopicModelTrainer.Options.DEFAULT;
    TopicModelTrainer trainer = new TopicModelTrainer(new TopicModelTrainer.Options(bits, charBits, c, d.alpha(), d.beta(), d.eps(), seed, innerFolds));
    long start = System.nanoTime();
    TopicModel trained = trainer.train(examples);
    double seconds = (System.nanoTime() - start) / 1e9;
    trained.write(model);
    Map<String, Long> perLabel = examples.stream()
        .collect(Collectors.groupingBy(LabelledText::label, TreeMap::new, Collectors.counting()));
    out.printf("trained on %d texts in %.1f s: %s%n", examples.size(), seconds, perLabel);
    out.printf("parts' weights in the pool: %s%n", java.util.Arrays.toString(trained.weights()));
    out.printf("wrote %s: %d labels, %d parts, %d weighted buckets, %.1f MB (%.1f MB of weights in memory)%n",
        model, trained.labels().size(), trained.parts().size(), trained.weightedBuckets(), Files.size(model) / 1e6,
        trained.heapBytes() / 1e6);
    out.printf("use it with: bin/wirewatch run --set process.topic-model=%s%n", model);
    out.flush();
    return 0;
  }
}
