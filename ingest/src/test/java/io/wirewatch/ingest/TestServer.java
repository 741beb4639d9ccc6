package io.wirewatch.ingest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local HTTP server the fetch, poll and feed tests serve their fixture routes from: loopback,
 * an ephemeral port, a daemon thread per exchange, so that a handler that blocks (a slow drip, an
 * endless body) stalls neither the other routes nor the end of the test run.
 */
public final class TestServer {

  private TestServer() {}

  /** A server not started yet: add its routes, then {@code start()} it. */
  public static HttpServer create() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-http");
      t.setDaemon(true);
      return t;
    }));
    return server;
  }

  /** Stops {@code server} at once, with the threads of its exchanges. */
  public static void stop(HttpServer server) {
    server.stop(0);
    if (server.getExecutor() instanceof ExecutorService threads) {
      threads.shutdownNow();
    }
  }
}
