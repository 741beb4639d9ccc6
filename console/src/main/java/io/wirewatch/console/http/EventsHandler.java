package io.wirewatch.console.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.wirewatch.console.events.ConsoleEvent;
import io.wirewatch.console.events.EventCursor;
import io.wirewatch.console.events.EventFeed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: Server-Sent Events on Javalin's SSE support. Each client gets its own
 * subscription, positioned from {@code Last-Event-ID} (or {@code ?lastEventId=} for clients that
 * cannot set it) or at the current end; the first event, {@code hello}, carries the starting
 * position, so that a page that opens the stream before it loads its lists misses nothing.
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

  void handle(Context ctx) throws Exception {
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
    try {
      new SseHandler(0, client -> stream(client, from)).handle(ctx);
    } catch (Exception | Error e) {
      clients.release();
      throw e;
    }
  }

  private void stream(SseClient client, EventCursor from) {
    try (EventFeed.Subscription sub = feed.subscribe(from)) {
      String start = sub.cursor().encode();
      client.sendEvent("hello", Map.of("cursor", start), start);
      long quietSince = System.nanoTime();
      while (!client.terminated() && !closing) {
        List<ConsoleEvent> events = sub.poll(POLL);
        for (ConsoleEvent e : events) {
          client.sendEvent(e.type(), e.data(), e.id());
        }
        if (!events.isEmpty()) {
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince > heartbeat.toNanos()) {
          // A comment line: keeps proxies from closing an idle stream, and finds a client that left.
          client.sendComment("keep-alive");
          quietSince = System.nanoTime();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("event stream ended: {}", e.toString());
      if (!client.terminated()) {
        client.sendEvent("error", Map.of("error", "event stream failed", "detail", String.valueOf(e.getMessage())));
      }
    } finally {
      clients.release();
      client.close();
    }
  }

  /** Ends every stream within one poll. */
  void close() {
    closing = true;
  }
}
