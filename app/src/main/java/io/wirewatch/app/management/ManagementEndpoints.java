package io.wirewatch.app.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.wirewatch.model.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The three management routes as plain responses, for any HTTP server: {@link ManagementServer}
 * on the management port, and later the console's server in {@code run}.
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter of the registry, Prometheus text format 0.0.4;
 *   <li>{@code GET /health}: 200 {@code {"status":"up"}} while the process answers at all;
 *   <li>{@code GET /ready}: 200 when every stage's check says ready, else 503, both with each
 *       check's state and, on 503, the reasons in one line.
 * </ul>
 */
public final class ManagementEndpoints {

  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  public static final String JSON = "application/json";

  /** A response to write as it is. */
  public record Response(int status, String contentType, String body) {}

  private record Check(String name, Supplier<Optional<String>> notReady) {}

  private final Supplier<String> scrape;
  private final List<Check> checks = new CopyOnWriteArrayList<>();

  /** @param scrape the registry's exposition, read at every {@code GET /metrics} */
  public ManagementEndpoints(Supplier<String> scrape) {
    this.scrape = scrape;
  }

  /**
   * Adds a readiness check: {@code notReady} returns empty while stage {@code name} does its job,
   * else why not.
   */
  public void readiness(String name, Supplier<Optional<String>> notReady) {
    checks.add(new Check(name, notReady));
  }

  /** The response to {@code method path}: one of the three routes, 404 or 405. */
  public Response route(String method, String path) {
    Supplier<Response> route = switch (path) {
      case "/metrics" -> this::metrics;
      case "/health" -> this::health;
      case "/ready" -> this::ready;
      default -> null;
    };
    if (route == null) {
      return json(404, Map.of("error", "no such route; try /metrics, /health or /ready"));
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return json(405, Map.of("error", method + " is not allowed; use GET"));
    }
    return route.get();
  }

  public Response metrics() {
    return new Response(200, PROMETHEUS_TEXT, scrape.get());
  }

  public Response health() {
    return json(200, Map.of("status", "up"));
  }

  public Response ready() {
    Map<String, String> states = new LinkedHashMap<>();
    StringBuilder reasons = new StringBuilder();
    for (Check c : checks) {
      Optional<String> why;
      try {
        why = c.notReady().get();
      } catch (RuntimeException e) {
        why = Optional.of("its readiness check failed: " + e);
      }
      states.put(c.name(), why.orElse("ready"));
      why.ifPresent(w -> reasons.append(reasons.length() == 0 ? "" : "; ").append(c.name()).append(": ").append(w));
    }
    if (checks.isEmpty()) {
      reasons.append("no stage has started yet");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", reasons.length() == 0 ? "ready" : "not ready");
    if (reasons.length() > 0) {
      body.put("reason", reasons.toString());
    }
    body.put("checks", states);
    return json(reasons.length() == 0 ? 200 : 503, body);
  }

  private static Response json(int status, Map<String, ?> body) {
    try {
      return new Response(status, JSON, Json.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a map of strings as JSON", e);
    }
  }
}
