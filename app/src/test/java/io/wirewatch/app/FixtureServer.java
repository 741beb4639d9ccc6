package io.wirewatch.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 serving the files of one directory, for end-to-end tests. */
final class FixtureServer implements AutoCloseable {

  private final HttpServer server;
  private final Path root;
  final AtomicInteger requests = new AtomicInteger();

  FixtureServer(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::serve);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  private void serve(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    Path file = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    byte[] body = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    ex.getResponseHeaders().add("Content-Type", name.endsWith(".rss") ? "application/rss+xml"
        : name.endsWith(".atom") ? "application/atom+xml" : "text/html; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
