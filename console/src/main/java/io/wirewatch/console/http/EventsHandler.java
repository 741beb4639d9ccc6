package io.wirewatch.console.http;

import io.javalin.http.Context;
import io.javalin.http.sse.Emitter;
import io.javalin.json.JsonMapper;
import io.wirewatch.console.events.ConsoleEvent;
import io.wirewatch.console.events.EventCursor;
import io.wirewatch.console.events.EventFeed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: Server-Sent Events, written with Javalin's SSE {@link Emitter}. Each
 * client gets its own subscription, positioned from {@code Last-Event-ID} (or {@code ?lastEventId=}
 * for clients that cannot set it) or at the current end; the first event, {@code hello}, carries the
 * starting position, so that a page that opens the stream before it loads its lists misses nothing.
 *
 * <p>The stream runs on the request's own thread until the client leaves, not on Javalin's async
 * executor: with Jetty 12.1, a client that disconnects during an async request gets its request
 * recycled under Javalin's feet, whose completion path then fails in a loop. A thread per client is
 * affordable because clients are bounded ({@code console.events.max-clients}).
 */
final class EventsHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final EventFeed feed;
  private final Semaphore clients;
  private final int maxClients;
  private final Duration heartbeat;
  private volatile boolean closing;

  EventsHandler(EventFeed feed, int maxClients, Duration heartbeat) {
    this.feed = feed;
    this.clients = new Semaphore(maxClients);
    this.maxClients = maxClients;
    this.heartbeat = heartbeat;
  }

  void handle(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiError(406, "not acceptable",
          "GET /api/events is a Server-Sent Events stream: send Accept: text/event-stream");
    }
    String last = ctx.header("Last-Event-ID");
    if (last == null || last.isBlank()) {
      last = ctx.queryParam("lastEventId");
    }
    EventCursor from = last == null || last.isBlank() ? null : EventCursor.parse(last);
    if (!clients.tryAcquire()) {
      throw new ApiError(503, "too many event clients", maxClients + " clients are connected "
          + "(console.events.max-clients)");
    }
    try (EventFeed.Subscription sub = feed.subscribe(from)) {
      var res = ctx.res();
      res.setStatus(200);
      res.setCharacterEncoding("UTF-8");
      res.setContentType("text/event-stream");
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("X-Accel-Buffering", "no"); // no buffering in an nginx in front
      res.flushBuffer();
      stream(new Emitter(res), ctx.jsonMapper(), sub);
    } catch (java.io.IOException gone) {
      LOG.debug("event client left before the stream began: {}", gone.toString());
    } finally {
      clients.release();
    }
  }

  /** Until the client leaves (a write fails) or the server stops. */
  private void stream(Emitter out, JsonMapper json, EventFeed.Subscription sub) {
    String start = sub.cursor().encode();
    if (!send(out, "hello", json.toJsonString(Map.of("cursor", start), Map.class), start)) {
      return;
    }
    long quietSince = System.nanoTime();
    while (!closing) {
      List<ConsoleEvent> events;
      try {
        events = sub.poll(POLL);
      } catch (RuntimeException e) {
        // The feed failed (the broker went away, a topic is missing): say so to the client, then end.
        LOG.warn("event stream ended: {}", e.toString());
        send(out, "error", json.toJsonString(Map.of("error", "event stream failed",
            "detail", String.valueOf(e.getMessage())), Map.class), null);
        return;
      }
      for (ConsoleEvent e : events) {
        if (!send(out, e.type(), json.toJsonString(e.data(), e.data().getClass()), e.id())) {
          return;
        }
      }
      if (!events.isEmpty()) {
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > heartbeat.toNanos()) {
        // A comment line: keeps proxies from closing an idle stream, and finds a client that left.
        out.emit("keep-alive");
        if (out.getClosed()) {
          return;
        }
        quietSince = System.nanoTime();
      }
    }
  }

  /** Writes one event; false once the client has left (the emitter records a failed write). */
  private static boolean send(Emitter out, String event, String data, String id) {
    out.emit(event, new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), id);
    return !out.getClosed();
  }

  /** Ends every stream within one poll. */
  void close() {
    closing = true;
  }
}
