package io.wirewatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.console.ConsoleService;
import io.wirewatch.console.http.AccessToken;
import io.wirewatch.ingest.Ingestor;
import io.wirewatch.ingest.source.SourcesFile;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.Json;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.TopicCreator;
import io.wirewatch.model.TopicReplay;
import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.ProcessService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole pipeline with the console, for the console's end-to-end tests: an embedded broker, the
 * bundled samples served over HTTP from 127.0.0.1 (as in {@link PipelineIT}), the process and ingest
 * stages, and a console on any free port with a token of its own.
 */
final class ConsoleStack implements AutoCloseable {

  static final Topics TOPICS = Topics.DEFAULT;
  static final Duration WAIT = Duration.ofSeconds(90);

  final Path dir;
  final EmbeddedKafka broker;
  final AccessToken token;
  private final FixtureServer http;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  ConsoleService console;

  ConsoleStack(Path dir) throws IOException {
    this.dir = dir;
    broker = new EmbeddedKafka(dir.resolve("broker"), Map.of()).start();
    open.add(broker);
    TopicCreator.ensure(broker.bootstrapServers(), TOPICS, 3, (short) 1);
    http = FixtureServer.samples(dir);
    open.add(http);
    Path sources = http.writeSampleSources(dir.resolve("http-sources.yaml"));
    token = AccessToken.loadOrCreate(dir.resolve("console.token"));
    startConsole();
    ProcessService process = new ProcessService(broker.bootstrapServers(),
        ProcessConfig.defaults().withStateDir(dir.resolve("streams")), TOPICS, Clock.systemUTC());
    open.add(process);
    process.start();
    Ingestor ingestor = Ingestor.toKafka(broker.bootstrapServers(), PipelineIT.localConfig(), TOPICS,
        SourcesFile.read(sources), Clock.systemUTC());
    open.add(ingestor);
    ingestor.start();
  }

  static ConsoleConfig consoleConfig(Path dir) {
    return ConsoleConfig.from(Settings.builder().defaultsResource(ConsoleConfig.DEFAULTS)
        .overrides(Map.of("console.port", "0", "console.events.heartbeat", "2s")).build())
        .withStateDir(dir.resolve("console"), dir.resolve("console.token"));
  }

  /** (Re)starts the console on the same state directory, and waits until it is ready. */
  void startConsole() {
    console = new ConsoleService(broker.bootstrapServers(), consoleConfig(dir), TOPICS, token, Clock.systemUTC()).start();
    try {
      if (!console.awaitReady(WAIT)) {
        throw new AssertionError("the console was not ready within " + WAIT + ": " + console.failure());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void stopConsole() {
    console.close();
  }

  String url(String path) {
    return console.url() + path.substring(1);
  }

  HttpResponse<String> send(String method, String path, String body, boolean withToken, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (withToken) {
      b.header("Authorization", "Bearer " + token.value());
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode getJson(String path) {
    HttpResponse<String> r = send("GET", path, null, false);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return json(r);
  }

  HttpClient client() {
    return client;
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }

  /**
   * The sample alerts once the pipeline is through with the samples: three alerts whose counts add
   * up to the six matches (the Korea story's two alerts count its outlets' articles).
   */
  JsonNode awaitSampleAlerts() throws InterruptedException {
    return awaitJson("/api/alerts", j -> {
      int counted = 0;
      for (JsonNode a : j.get("alerts")) {
        counted += a.get("count").asInt();
      }
      return counted >= 6;
    }).get("alerts");
  }

  /** Polls {@code path} until {@code done} accepts its JSON, at most {@link #WAIT}. */
  JsonNode awaitJson(String path, Predicate<JsonNode> done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = getJson(path);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("GET " + path + " never showed what was awaited; last: " + last);
  }

  /** A page straight onto news.raw, as ingest would write it; returns its article id. */
  String sendArticle(String url, String title, String text) {
    return sendArticle("wire", url, title, text);
  }

  /** A page of {@code source} straight onto news.raw; returns its article id. */
  String sendArticle(String source, String url, String title, String text) {
    String html = "<html><body><article><h1>" + title + "</h1><p>" + text + "</p></article></body></html>";
    RawArticle raw = new RawArticle(ArticleId.of(url), source, url, null, null, Instant.now(), "text/html", html,
        ArticleId.contentHash(html));
    try (KafkaProducer<String, RawArticle> p = new KafkaProducer<>(
        Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
        TOPICS.raw().valueSerde().serializer())) {
      p.send(new ProducerRecord<>(TOPICS.raw().name(), raw.id(), raw));
    }
    return raw.id();
  }

  /** Records in {@code topic} now, over all partitions. */
  long records(String topic) {
    long[] n = {0};
    TopicReplay.replay(broker.bootstrapServers(), topic, r -> n[0]++);
    return n[0];
  }

  @Override
  public void close() {
    if (console != null) {
      console.close();
    }
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        // closing the rest matters more in a test's teardown
      }
    }
  }
}
