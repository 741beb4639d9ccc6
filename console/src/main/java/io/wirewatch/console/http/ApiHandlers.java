package io.wirewatch.console.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.console.edit.RuleEditor;
import io.wirewatch.console.edit.SourceEditor;
import io.wirewatch.console.preview.PreviewResult;
import io.wirewatch.console.preview.RulePreview;
import io.wirewatch.console.view.AlertFilter;
import io.wirewatch.console.view.ConsoleViews;
import io.wirewatch.console.view.SourceView;
import io.wirewatch.console.view.StorySort;
import io.wirewatch.ingest.source.Source;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Json;
import io.wirewatch.model.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** One method per route of the API; {@link ConsoleServer} registers them. */
final class ApiHandlers {

  /** A rule as a client sends it; the id comes from the path. */
  record RuleInput(String id, String query, String severity, String description, Boolean enabled, String window,
      Rule.Filters filters) {}

  /** What to preview: a query, and optionally the filters the rule would have. */
  record PreviewInput(String query, Rule.Filters filters) {}

  private final ConsoleConfig config;
  private final ConsoleViews views;
  private final Readiness readiness;
  private final RuleEditor rules;
  private final SourceEditor sources;
  private final RulePreview previews;
  private final Clock clock;
  private final byte[] openApi;

  ApiHandlers(ConsoleConfig config, ConsoleServer.Backend backend, Clock clock) {
    this.config = config;
    this.views = backend.views();
    this.readiness = backend.readiness();
    this.rules = backend.rules();
    this.sources = backend.sources();
    this.previews = backend.previews();
    this.clock = clock;
    this.openApi = openApiDocument();
  }

  static byte[] openApiDocument() {
    try (InputStream in = ApiHandlers.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the console's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void alerts(Context ctx) {
    AlertFilter f = new AlertFilter(Params.text(ctx, "rule"), Params.text(ctx, "severity"), Params.since(ctx, clock),
        Params.text(ctx, "story"), Params.limit(ctx, config.defaultLimit(), config.maxLimit()));
    ctx.json(Map.of("alerts", views.alerts(f)));
  }

  void stories(Context ctx) {
    boolean active = Params.bool(ctx, "active", false);
    StorySort sort = StorySort.parse(Params.text(ctx, "sort"));
    int limit = Params.limit(ctx, config.defaultLimit(), config.maxLimit());
    ctx.json(Map.of("stories", views.stories(active, sort, limit)));
  }

  void story(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(views.storyDetail(id).orElseThrow(() -> ApiError.notFound("no story '" + id + "'")));
  }

  void article(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(views.article(id).orElseThrow(() -> ApiError.notFound("no retained article '" + id + "'")));
  }

  void sources(Context ctx) {
    ctx.json(Map.of("sources", views.sources()));
  }

  void addSource(Context ctx) {
    SourceEditor.SourceInput in = body(ctx, SourceEditor.SourceInput.class);
    Source s = sources.put(in);
    var written = s.toDefinition();
    awaitVisible(() -> views.source(s.id()).filter(d -> d.equals(written)).isPresent());
    Optional<SourceView> shown = views.sources().stream().filter(v -> v.id().equals(s.id())).findFirst();
    ctx.status(201).json(shown.isPresent() ? shown.get() : written);
  }

  void removeSource(Context ctx) {
    String id = ctx.pathParam("id");
    if (views.source(id).isEmpty()) {
      throw ApiError.notFound("no source '" + id + "'");
    }
    sources.remove(id);
    awaitVisible(() -> views.source(id).isEmpty());
    ctx.status(204);
  }

  void rules(Context ctx) {
    ctx.json(Map.of("rules", views.rules()));
  }

  void putRule(Context ctx) {
    String id = ctx.pathParam("id");
    RuleInput in = body(ctx, RuleInput.class);
    if (in.id() != null && !in.id().equals(id)) {
      throw new InvalidInputException("the body names rule '" + in.id() + "' but the path names '" + id + "'");
    }
    if (in.query() == null) {
      throw new InvalidInputException("rule " + id + ": a query is required");
    }
    Rule rule = new Rule(id, in.query(), in.severity(), in.description(), in.enabled(), in.window(), in.filters(), 0);
    rules.put(rule);
    boolean shown = awaitVisible(() -> views.rule(id).map(r -> r.withVersion(0).equals(rule)).orElse(false));
    ctx.json(shown ? views.rule(id).orElse(rule) : rule);
  }

  void removeRule(Context ctx) {
    String id = ctx.pathParam("id");
    if (views.rule(id).isEmpty()) {
      throw ApiError.notFound("no rule '" + id + "'");
    }
    rules.remove(id);
    awaitVisible(() -> views.rule(id).isEmpty());
    ctx.status(204);
  }

  void preview(Context ctx) throws InterruptedException {
    PreviewInput in = body(ctx, PreviewInput.class);
    if (in.query() == null) {
      throw new InvalidInputException("a preview needs a query");
    }
    RulePreview.Job job = previews.start(new Rule("preview", in.query(), null, null, true, null, in.filters(), 0));
    boolean done = job.await(config.preview().answerWithin());
    PreviewResult r = job.result();
    if (!done) {
      ctx.status(202).header("Location", "/api/rules/preview/" + r.id());
    }
    ctx.json(r);
  }

  void previewProgress(Context ctx) {
    String id = ctx.pathParam("id");
    RulePreview.Job job = previews.find(id).orElseThrow(() -> ApiError.notFound("no preview '" + id
        + "' (finished previews are kept for console.preview.keep)"));
    ctx.json(job.result());
  }

  void health(Context ctx) {
    ctx.json(Map.of("status", "up"));
  }

  void ready(Context ctx) {
    boolean ready = readiness.ready();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", ready);
    body.putAll(readiness.detail());
    ctx.status(ready ? 200 : 503).json(body);
  }

  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  private static <T> T body(Context ctx, Class<T> type) {
    String text = ctx.body();
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("the request needs a JSON body");
    }
    try {
      return Objects.requireNonNull(Json.MAPPER.readValue(text, type), "body");
    } catch (JsonProcessingException | NullPointerException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : "null";
      throw new InvalidInputException("the body is not the JSON expected: " + why);
    }
  }

  /**
   * Waits until the console's own store shows a change just written, so that a list read right
   * after includes it. A timeout is not an error: the change is written and will show.
   */
  private boolean awaitVisible(BooleanSupplier shown) {
    Duration max = config.visibleTimeout();
    long deadline = System.nanoTime() + max.toNanos();
    while (!shown.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
