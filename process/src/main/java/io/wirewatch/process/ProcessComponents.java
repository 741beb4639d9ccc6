package io.wirewatch.process;

import io.wirewatch.model.Topics;
import io.wirewatch.model.config.ConfigException;
import io.wirewatch.process.alert.AlertRaiser;
import io.wirewatch.process.alert.FloodGate;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.alert.RuleFailureReporter;
import io.wirewatch.process.alert.RulesFile;
import io.wirewatch.process.classify.CountryGazetteer;
import io.wirewatch.process.classify.LanguageGuesser;
import io.wirewatch.process.classify.Taxonomy;
import io.wirewatch.process.classify.TopicModel;
import io.wirewatch.process.clean.ArticleCleaner;
import io.wirewatch.process.match.QueryMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.streams.Topology;

/**
 * Builds the process stage's parts from its config: the live rule matcher, taxonomy, language
 * detector, record handler and flood gate. Shared by the Streams service, the topology test and
 * the command-line tools, so they all run the same code.
 */
public final class ProcessComponents implements AutoCloseable {

  public static final String DEFAULT_RULES = "io/wirewatch/process/default-rules.yaml";
  public static final String DEFAULT_TAXONOMY = "io/wirewatch/process/default-taxonomy.yaml";

  private final ProcessConfig config;
  private final Clock clock;
  /** One engine for the rules and the category terms: an article is analysed and matched once. */
  private final QueryMatcher<Object> matching = new QueryMatcher<>();
  private final RuleBook rules = new RuleBook(matching);
  private final Taxonomy taxonomy;
  private final ArticleProcessor articles;
  private final RawRecordHandler handler;
  private final FloodGate floodGate;
  private final StoryStage stories;

  public ProcessComponents(ProcessConfig config, Topics topics, Clock clock) {
    this(config, topics, clock, ProcessMetrics.none());
  }

  /** @param metrics what the handler and the flood gate count on */
  public ProcessComponents(ProcessConfig config, Topics topics, Clock clock, ProcessMetrics metrics) {
    this.config = config;
    this.clock = clock;
    TopicModel topicModel;
    try {
      this.taxonomy = read(config.taxonomy(), DEFAULT_TAXONOMY,
          in -> Taxonomy.read(in, name(config.taxonomy(), DEFAULT_TAXONOMY), matching));
      topicModel = config.topicModel() == null ? null : readTopicModel(config.topicModel());
    } catch (RuntimeException | Error e) {
      matching.close(); // its purge thread would keep a failed command's JVM alive
      throw e;
    }
    this.articles = new ArticleProcessor(new ArticleCleaner(), taxonomy,
        new LanguageGuesser(config.languages()), CountryGazetteer.bundled(), topicModel, matching);
    this.handler = new RawRecordHandler(topics.raw(), articles, new AlertRaiser(rules, config.alertWindow(), clock),
        new RuleFailureReporter(config.ruleFailureReportEvery(), clock), clock, metrics);
    this.floodGate = new FloodGate(metrics);
    this.stories = StoryStage.of(config, clock, metrics);
  }

  /** The taxonomy in {@code file}, or the bundled one when it is null. */
  public static Taxonomy taxonomy(Path file) {
    return read(file, DEFAULT_TAXONOMY, in -> Taxonomy.read(in, name(file, DEFAULT_TAXONOMY)));
  }

  /**
   * The topology over these parts; refused records of {@code news.rules} go to {@code ruleLetters}.
   *
   * @param rulesPartitions partitions of {@code news.rules}, which rule versions depend on
   */
  public Topology topology(Topics topics, DeadLetterSink ruleLetters, int rulesPartitions) {
    return WirewatchTopology.build(topics, handler, rules, floodGate, stories, ruleLetters, rulesPartitions, clock);
  }

  /** The rules live in this instance; kept current from {@code news.rules} by the topology. */
  public RuleBook rules() {
    return rules;
  }

  /** Cleaning and classification alone, for tools that process pages without Kafka. */
  public ArticleProcessor articles() {
    return articles;
  }

  public RawRecordHandler handler() {
    return handler;
  }

  /**
   * The rules to import into {@code news.rules} at start: the configured rules file, or else the
   * bundled rules (imported only into an empty topic, so that a removed rule stays removed).
   */
  public RulesFile.Loaded seedRules() {
    return read(config.rules(), DEFAULT_RULES, in -> RulesFile.read(in, name(config.rules(), DEFAULT_RULES), "rules"));
  }

  /** True when the seed rules come from a file the user named, not from the bundled defaults. */
  public boolean seedRulesConfigured() {
    return config.rules() != null;
  }

  @Override
  public void close() {
    rules.close();
    taxonomy.close();
    matching.close();
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
