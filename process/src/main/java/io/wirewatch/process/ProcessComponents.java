package io.wirewatch.process;

import io.wirewatch.model.Topics;
import io.wirewatch.model.config.ConfigException;
import io.wirewatch.process.alert.AlertRaiser;
import io.wirewatch.process.alert.Rule;
import io.wirewatch.process.alert.RuleError;
import io.wirewatch.process.alert.RuleMatcher;
import io.wirewatch.process.alert.RulesFile;
import io.wirewatch.process.classify.CountryGazetteer;
import io.wirewatch.process.classify.LanguageGuesser;
import io.wirewatch.process.classify.Taxonomy;
import io.wirewatch.process.classify.TopicModel;
import io.wirewatch.process.clean.ArticleCleaner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the process stage's parts from its config: rules, taxonomy, language detector and the
 * record handler. Shared by the Streams service, the topology test and the command-line tools, so
 * they all run the same code.
 */
public final class ProcessComponents implements AutoCloseable {

  public static final String DEFAULT_RULES = "io/wirewatch/process/default-rules.yaml";
  public static final String DEFAULT_TAXONOMY = "io/wirewatch/process/default-taxonomy.yaml";

  private final RuleMatcher rules;
  private final Taxonomy taxonomy;
  private final List<RuleError> ruleErrors;
  private final ArticleProcessor processor;
  private final RawRecordHandler handler;

  public ProcessComponents(ProcessConfig config, Topics topics, Clock clock) {
    RulesFile.Loaded loaded = read(config.rules(), DEFAULT_RULES, in -> RulesFile.read(in, name(config.rules(), DEFAULT_RULES), "rules"));
    this.rules = new RuleMatcher(loaded.rules());
    List<RuleError> errors = new ArrayList<>(loaded.errors());
    errors.addAll(rules.errors());
    this.ruleErrors = List.copyOf(errors);
    this.taxonomy = read(config.taxonomy(), DEFAULT_TAXONOMY, in -> Taxonomy.read(in, name(config.taxonomy(), DEFAULT_TAXONOMY)));
    TopicModel topicModel = config.topicModel() == null ? null : readTopicModel(config.topicModel());
    this.processor = new ArticleProcessor(new ArticleCleaner(), taxonomy,
        new LanguageGuesser(config.languages()), CountryGazetteer.bundled(), topicModel);
    this.handler = new RawRecordHandler(topics.raw(), processor, new AlertRaiser(rules, clock), clock);
  }

  /** Cleaning and classification alone, for tools that process pages without Kafka. */
  public ArticleProcessor processor() {
    return processor;
  }

  public RawRecordHandler handler() {
    return handler;
  }

  public List<Rule> rules() {
    return rules.rules();
  }

  /** Rules that were rejected, with the parser's reason; the others are active. */
  public List<RuleError> ruleErrors() {
    return ruleErrors;
  }

  @Override
  public void close() {
    rules.close();
    taxonomy.close();
  }

  private static TopicModel readTopicModel(Path file) {
    try {
      return TopicModel.read(file);
    } catch (IOException e) {
      throw new ConfigException("process.topic-model: cannot load " + file + ": " + e.getMessage());
    }
  }

  private interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  private static <T> T read(Path file, String resource, Reader<T> reader) {
    try (InputStream in = file != null
        ? Files.newInputStream(file)
        : ProcessComponents.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigException("bundled resource " + resource + " is missing from the jar");
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + name(file, resource) + ": " + e.getMessage());
    }
  }

  private static String name(Path file, String resource) {
    return file != null ? file.toString() : "bundled " + resource;
  }
}
