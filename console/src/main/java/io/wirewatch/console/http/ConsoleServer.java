package io.wirewatch.console.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.console.edit.RuleEditor;
import io.wirewatch.console.edit.RuleRejected;
import io.wirewatch.console.edit.SourceEditor;
import io.wirewatch.console.events.EventFeed;
import io.wirewatch.console.preview.PreviewBusy;
import io.wirewatch.console.preview.RulePreview;
import io.wirewatch.console.view.ConsoleViews;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server: the API routes, the dashboard's files and the WebJars, the token
 * check before every request, security headers, and one error shape for every refusal.
 */
public final class ConsoleServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

  /** Where the dashboard's files are on the class path. */
  static final String WEB = "/io/wirewatch/console/web";
  /** Methods that make a route; before/after filters and static files are not routes. */
  private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
      HandlerType.DELETE, HandlerType.PATCH);
  /**
   * Scripts and styles from this server only; no frames, no plugins. Inline styles are allowed
   * because uPlot and Swagger UI set element styles; inline scripts are not.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /** What the routes answer from. */
  public record Backend(ConsoleViews views, Readiness readiness, RuleEditor rules, SourceEditor sources,
      RulePreview previews, EventFeed events) {}

  /** A registered route, as {@code GET /api/stories/{id}}. */
  public record Route(String method, String path) {}

  private final ConsoleConfig config;
  private final AccessGuard guard;
  private final ApiHandlers api;
  private final EventsHandler events;
  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
  private Javalin app;

  public ConsoleServer(ConsoleConfig config, AccessToken token, Backend backend, Clock clock) {
    this.config = config;
    this.guard = new AccessGuard(token, config.bind(), config.allowedHosts());
    this.api = new ApiHandlers(config, backend, clock);
    this.events = new EventsHandler(backend.events(), config.eventsMaxClients(), config.eventsHeartbeat());
  }

  /**
   * Binds and serves.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public ConsoleServer start() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      // The one JSON mapping of every topic, so the API shows records exactly as the topics hold them.
      cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      cfg.http.maxRequestSize = 1_000_000;
      cfg.staticFiles.enableWebjars();
      cfg.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = WEB;
        files.location = Location.CLASSPATH;
      });
      cfg.events.handlerAdded(info -> {
        if (METHODS.contains(info.getHttpMethod())) {
          routes.add(new Route(info.getHttpMethod().name(), info.getPath()));
        }
      });
      var r = cfg.routes;
      r.before(ctx -> {
        securityHeaders(ctx);
        guard.check(ctx);
      });
      r.get("/health", api::health);
      r.get("/ready", api::ready);
      r.get("/openapi.json", api::openApi);
      r.get("/api/alerts", api::alerts);
      r.get("/api/stories", api::stories);
      r.get("/api/stories/{id}", api::story);
      r.get("/api/articles/{id}", api::article);
      r.get("/api/sources", api::sources);
      r.post("/api/sources", api::addSource);
      r.delete("/api/sources/{id}", api::removeSource);
      r.get("/api/rules", api::rules);
      r.put("/api/rules/{id}", api::putRule);
      r.delete("/api/rules/{id}", api::removeRule);
      r.post("/api/rules/preview", api::preview);
      r.get("/api/rules/preview/{id}", api::previewProgress);
      r.get("/api/events", events::handle);

      r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.error(), e.detail()));
      r.exception(RuleRejected.class, (e, ctx) -> error(ctx, 400, "query does not parse", e.problem()));
      r.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, "invalid input", e.getMessage()));
      r.exception(PreviewBusy.class, (e, ctx) -> error(ctx, 429, "too many previews", e.getMessage()));
      r.exception(InvalidStateStoreException.class, (e, ctx) -> error(ctx, 503, "not ready",
          "the console's stores are still loading; see /ready"));
      r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
          e.getStatus() == 404 ? "not found" : "request refused", e.getMessage()));
      r.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} failed", describe(ctx), e);
        error(ctx, 500, "internal error", e.toString());
      });
    });
    try {
      app.start(config.bind(), config.port());
    } catch (RuntimeException e) {
      app = null;
      // The machine's state, not a bug: reported as an I/O failure in one line (exit 1).
      String why = "console: cannot listen on " + config.bind() + ":" + config.port()
          + " (console.bind, console.port; port 0 takes any free port): " + rootMessage(e);
      throw new UncheckedIOException(why, new IOException(why, e));
    }
    return this;
  }

  /** Method and path, or a placeholder once Jetty has recycled a request whose client left. */
  private static String describe(Context ctx) {
    try {
      return ctx.method() + " " + ctx.path();
    } catch (RuntimeException recycled) {
      return "a request whose client has left";
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  private static void error(Context ctx, int status, String error, Object detail) {
    ctx.status(status).json(new ApiError.Body(error, detail));
  }

  /** The port bound (the one chosen when {@code console.port} is 0). */
  public int port() {
    if (app == null) {
      throw new IllegalStateException("the console is not started");
    }
    return app.port();
  }

  /** Every route registered, method and path. */
  public List<Route> routes() {
    synchronized (routes) {
      return List.copyOf(routes);
    }
  }

  public AccessGuard guard() {
    return guard;
  }

  @Override
  public void close() {
    events.close();
    if (app != null) {
      app.stop();
      app = null;
    }
  }
}
