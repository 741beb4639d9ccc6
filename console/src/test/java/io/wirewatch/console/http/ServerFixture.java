package io.wirewatch.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.console.edit.RuleEditor;
import io.wirewatch.console.edit.SourceEditor;
import io.wirewatch.console.events.ConsoleEvent;
import io.wirewatch.console.events.EventCursor;
import io.wirewatch.console.events.EventFeed;
import io.wirewatch.console.preview.RulePreview;
import io.wirewatch.console.view.ViewFixture;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.Json;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Story;
import io.wirewatch.model.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real console server on 127.0.0.1 (any free port) over {@link ViewFixture}'s views. Changes go
 * through the real editors; their writers record what was written and feed it back into the
 * fixture's topics, as news.rules and news.sources would.
 */
final class ServerFixture implements AutoCloseable {

  static final AccessToken TOKEN = AccessToken.of("test-token-0123456789");

  final ViewFixture views = new ViewFixture();
  final List<Rule> published = new CopyOnWriteArrayList<>();
  final List<String> removedRules = new CopyOnWriteArrayList<>();
  final List<Source> sourcesPut = new CopyOnWriteArrayList<>();
  final List<String> sourcesRemoved = new CopyOnWriteArrayList<>();
  final AtomicBoolean ready = new AtomicBoolean(true);
  final FakeFeed feed = new FakeFeed();
  final ConsoleConfig config;
  final ConsoleServer server;
  private final RulePreview previews;
  private final RuleEditor rules;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServerFixture() {
    this(Map.of());
  }

  ServerFixture(Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of(
        "console.port", "0",
        "console.write.visible-timeout", "2s",
        "console.list.max-limit", "100",
        "console.events.heartbeat", "1s"));
    settings.putAll(overrides);
    config = ConsoleConfig.from(Settings.builder().defaultsResource(ConsoleConfig.DEFAULTS).overrides(settings).build());
    rules = new RuleEditor(new RuleEditor.RuleWriter() {
      @Override
      public void publish(List<Rule> list) {
        published.addAll(list);
        list.forEach(views::rule);
      }

      @Override
      public void remove(String id) {
        removedRules.add(id);
        views.put(ViewFixture.TOPICS.rules(), id, null);
      }
    });
    SourceEditor sources = new SourceEditor(new SourceEditor.SourceWriter() {
      @Override
      public void put(List<Source> list) {
        sourcesPut.addAll(list);
        list.forEach(s -> views.source(s.toDefinition()));
      }

      @Override
      public void remove(String id) {
        sourcesRemoved.add(id);
        views.put(ViewFixture.TOPICS.sources(), id, null);
      }
    }, config.allowFileUrls());
    previews = new RulePreview(new RulePreview.Articles() {
      @Override
      public long count() {
        return views.health().count("articles");
      }

      @Override
      public void scan(java.util.function.Predicate<io.wirewatch.model.Article> each) {
        views.views().scanArticles(each);
      }
    }, id -> views.views().story(id).map(Story::headline), config.preview(), ViewFixture.CLOCK);
    Readiness readiness = new Readiness() {
      @Override
      public boolean ready() {
        return ready.get();
      }

      @Override
      public Map<String, Object> detail() {
        return Map.of("streams", ready.get() ? "RUNNING" : "REBALANCING");
      }
    };
    server = new ConsoleServer(config, TOKEN, new ConsoleServer.Backend(views.views(), readiness, rules, sources,
        previews, feed), ViewFixture.CLOCK).start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** A request; {@code token} null sends none. */
  HttpResponse<String> send(String method, String path, String body, String token, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null, null);
  }

  HttpResponse<String> change(String method, String path, String body) {
    return send(method, path, body, TOKEN.value());
  }

  HttpClient client() {
    return http;
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }

  @Override
  public void close() {
    server.close();
    previews.close();
    rules.close();
    views.close();
  }

  /** Events handed out from a queue; remembers where each subscription was asked to start. */
  static final class FakeFeed implements EventFeed {
    final List<EventCursor> requested = new CopyOnWriteArrayList<>();
    final List<ConsoleEvent> events = new CopyOnWriteArrayList<>();
    final EventCursor end = EventCursor.parse("a0:5,s0:2");

    @Override
    public Subscription subscribe(EventCursor from) {
      requested.add(from == null ? end : from);
      List<ConsoleEvent> pending = new ArrayList<>(events);
      EventCursor start = from == null ? end : from;
      return new Subscription() {
        private EventCursor at = start;

        @Override
        public EventCursor cursor() {
          return at;
        }

        @Override
        public List<ConsoleEvent> poll(Duration timeout) {
          if (pending.isEmpty()) {
            try {
              Thread.sleep(Math.min(100, timeout.toMillis()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return List.of();
          }
          List<ConsoleEvent> out = new ArrayList<>(pending);
          pending.clear();
          at = EventCursor.parse(out.get(out.size() - 1).id());
          return out;
        }

        @Override
        public void close() {}
      };
    }
  }
}
