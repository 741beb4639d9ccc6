package io.wirewatch.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Json;
import io.wirewatch.process.ProcessComponents;
import io.wirewatch.process.classify.CountryGazetteer;
import io.wirewatch.process.classify.Taxonomy;
import io.wirewatch.process.classify.TopicModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirewatch classify}: what the process stage would say about plain-text files. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Prints one JSON line per plain-text file with its categories (score and the words that "
        + "counted), the countries it mentions and, with --model, its learned topic. The first line of a "
        + "file is taken as its headline.")
final class ClassifyCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "UTF-8 text files.")
  List<Path> files;

  @Option(names = "--model", paramLabel = "FILE", description = "Topic model written by `wirewatch train`.")
  Path modelFile;

  @Option(names = "--taxonomy", paramLabel = "FILE", description = "Category taxonomy (YAML); default: the bundled one.")
  Path taxonomyFile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CountryGazetteer countries = CountryGazetteer.bundled();
    try (Taxonomy taxonomy = ProcessComponents.taxonomy(taxonomyFile)) {
      classify(out, taxonomy, countries);
    }
    return 0;
  }

  /** An unreadable or outdated model is the user's file, not a crash: one line through the shared handler. */
  private static TopicModel readModel(Path file) {
    try {
      return TopicModel.read(file);
    } catch (IOException e) {
      throw new InvalidInputException("--model: " + e.getMessage(), e);
    }
  }

  private void classify(PrintWriter out, Taxonomy taxonomy, CountryGazetteer countries) throws IOException {
    TopicModel topics = modelFile == null ? null : readModel(modelFile);
    for (Path file : files) {
      String content = Files.readString(file, StandardCharsets.UTF_8).strip();
      int nl = content.indexOf('\n');
      String title = nl < 0 ? content : content.substring(0, nl).strip();
      String text = nl < 0 ? "" : content.substring(nl + 1);
      ObjectNode line = Json.MAPPER.createObjectNode();
      line.put("path", file.toString());
      line.set("categories", Json.MAPPER.valueToTree(taxonomy.classify(title, text)));
      line.set("countries", Json.MAPPER.valueToTree(countries.mentions(title, text)));
      if (topics != null) {
        line.set("topic", Json.MAPPER.valueToTree(topics.predict(title, text)));
      }
      out.println(Json.MAPPER.writeValueAsString(line));
    }
    out.flush();
  }
}
