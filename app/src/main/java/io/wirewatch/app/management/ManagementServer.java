package io.wirewatch.app.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link ManagementEndpoints} on a port of its own. The JDK's HTTP server, not a framework: three
 * GET routes read by Prometheus and probes every few seconds need nothing more, and the launcher
 * gains no dependency.
 */
final class ManagementServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  /** Listens on {@code address} at once (port 0: a free port); throws when it cannot bind. */
  ManagementServer(InetSocketAddress address, ManagementEndpoints endpoints) throws IOException {
    server = HttpServer.create(address, 0);
    // One thread: a scrape is a few milliseconds, and a slow client must not multiply threads.
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "wirewatch-management");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", ex -> answer(ex, endpoints));
    server.start();
  }

  private static void answer(HttpExchange ex, ManagementEndpoints endpoints) throws IOException {
    try (ex) {
      ManagementEndpoints.Response r = endpoints.route(ex.getRequestMethod(), ex.getRequestURI().getPath());
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(r.status(), head || body.length == 0 ? -1 : body.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The port it listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
