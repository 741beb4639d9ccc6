package io.wirewatch.console;

import io.wirewatch.console.edit.RuleEditor;
import io.wirewatch.console.edit.SourceEditor;
import io.wirewatch.console.events.KafkaEventFeed;
import io.wirewatch.console.http.AccessToken;
import io.wirewatch.console.http.ConsoleServer;
import io.wirewatch.console.http.Readiness;
import io.wirewatch.console.preview.RulePreview;
import io.wirewatch.console.view.ConsoleViews;
import io.wirewatch.console.view.ViewStreams;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.ingest.source.SourceCatalog;
import io.wirewatch.model.Article;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Topics;
import io.wirewatch.process.alert.RulesTopic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console as one closeable service: its stores (a Kafka Streams application of its own), the
 * rule and source editors, the previews, the event feed and the HTTP server, started and stopped
 * together.
 */
public final class ConsoleService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);

  private final String bootstrapServers;
  private final ConsoleConfig config;
  private final Topics topics;
  private final AccessToken token;
  private final Clock clock;
  private final List<AutoCloseable> open = new ArrayList<>();
  private ViewStreams streams;
  private ConsoleServer server;

  public ConsoleService(String bootstrapServers, ConsoleConfig config, Topics topics, AccessToken token, Clock clock) {
    this.bootstrapServers = bootstrapServers;
    this.config = config;
    this.topics = topics;
    this.token = token;
    this.clock = clock;
  }

  /**
   * Starts the stores and the HTTP server; the stores load in the background ({@code /ready} says
   * when they have).
   *
   * @throws java.io.UncheckedIOException when the HTTP address cannot be bound
   */
  public ConsoleService start() {
    try {
      streams = new ViewStreams(bootstrapServers, config, topics, clock);
      open.add(streams);
      ConsoleViews views = streams.views();
      RulesTopic rulesTopic = new RulesTopic(bootstrapServers, topics.rules());
      RuleEditor rules = new RuleEditor(new RuleEditor.RuleWriter() {
        @Override
        public void publish(List<Rule> list) {
          rulesTopic.publish(list);
        }

        @Override
        public void remove(String id) {
          rulesTopic.remove(id);
        }
      });
      open.add(rules);
      SourceCatalog catalog = SourceCatalog.connect(bootstrapServers, topics);
      open.add(catalog);
      SourceEditor sources = new SourceEditor(new SourceEditor.SourceWriter() {
        @Override
        public void put(List<Source> list) {
          catalog.put(list);
        }

        @Override
        public void remove(String id) {
          catalog.remove(id);
        }
      }, config.allowFileUrls());
      RulePreview previews = new RulePreview(new RulePreview.Articles() {
        @Override
        public long count() {
          return views.articleCount();
        }

        @Override
        public void scan(Predicate<Article> each) {
          views.scanArticles(each);
        }
      }, id -> views.story(id).map(io.wirewatch.model.Story::headline), config.preview(), clock);
      open.add(previews);
      Readiness readiness = new Readiness() {
        @Override
        public boolean ready() {
          return streams.ready();
        }

        @Override
        public Map<String, Object> detail() {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("streams", streams.state());
          d.put("stores", streams.health().counts());
          d.put("skipped", streams.health().skipped());
          return d;
        }
      };
      streams.start();
      server = new ConsoleServer(config, token,
          new ConsoleServer.Backend(views, readiness, rules, sources, previews,
              new KafkaEventFeed(bootstrapServers, topics)), clock).start();
      open.add(server);
      LOG.info("console listening on {}", url());
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The console's address, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    String host = config.bind();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + server.port() + "/";
  }

  /** The dashboard's address with the token in its fragment (never sent to the server or in a Referer). */
  public String dashboardUrl() {
    return url() + "#token=" + token.value();
  }

  public int port() {
    return server.port();
  }

  public boolean ready() {
    return streams != null && streams.ready();
  }

  /** Why the stores stopped for good, or null while the console works. */
  public Throwable failure() {
    return streams == null ? null : streams.failure();
  }

  /** Every route the server registered. */
  public List<ConsoleServer.Route> routes() {
    return server.routes();
  }

  /** Waits until {@link #ready()}, at most {@code max}. */
  public boolean awaitReady(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!ready()) {
      if (System.nanoTime() > deadline || failure() != null) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /** Stops the server first (no request sees a closed store), then the rest, newest first. */
  @Override
  public void close() {
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        LOG.warn("error while stopping the console's {}", open.get(i).getClass().getSimpleName(), e);
      }
    }
    open.clear();
  }
}
