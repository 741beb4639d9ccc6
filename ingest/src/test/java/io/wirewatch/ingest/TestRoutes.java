package io.wirewatch.ingest;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;

/** Hostile server behaviours shared by the fetch and poll tests. */
public final class TestRoutes {

  private TestRoutes() {}

  /** A 200 whose body trickles in one byte every {@code delayMs}: a slow-drip server. */
  public static HttpHandler drip(char c, int bytes, long delayMs) {
    return ex -> {
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < bytes; i++) {
          out.write(c);
          out.flush();
          Thread.sleep(delayMs);
        }
      } catch (IOException | InterruptedException gone) {
        // the client gave up, as it should
      }
    };
  }
}
