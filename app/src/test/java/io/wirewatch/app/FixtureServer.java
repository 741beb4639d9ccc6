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

  /** The bundled samples installed under {@code dir/samples} and served from there. */
  static FixtureServer samples(Path dir) {
    Path samples = dir.resolve("samples");
    Samples.install(samples);
    return new FixtureServer(samples);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  /**
   * Writes a sources file for the bundled samples as served here (a feed, an Atom feed and one page
   * polled as a page source) to {@code file} and returns it.
   */
  Path writeSampleSources(Path file) throws IOException {
    java.nio.file.Files.writeString(file, """
        sources:
          - id: wire
            url: %s
          - id: desk
            url: %s
            type: atom
          - id: analysis
            url: %s
            type: page
        """.formatted(url("wire.rss"), url("desk.atom"), url("articles/analysis-nuclear-diplomacy.html")));
    return file;
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
