package io.wirewatch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server on 127.0.0.1 serving {@code count} synthetic RSS feeds at {@code /feed/N}
 * and their articles at {@code /article/N/K}. Each feed request changes the feed (one new item)
 * with probability {@code changeShare}; otherwise a request carrying the current ETag gets 304,
 * unless {@code conditional} is off (the baseline: a server that ignores validators).
 */
final class SyntheticFeeds implements AutoCloseable {

  private static final int ITEMS = 3;

  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicIntegerArray versions;
  private final double changeShare;
  private volatile boolean conditional = true;
  final AtomicLong requests = new AtomicLong();
  final AtomicLong notModified = new AtomicLong();

  SyntheticFeeds(int count, double changeShare) {
    this.versions = new AtomicIntegerArray(count);
    this.changeShare = changeShare;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bench-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/feed/", this::feed);
    server.createContext("/article/", this::article);
    server.start();
  }

  void conditional(boolean on) {
    conditional = on;
  }

  String feedUrl(int n) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + n;
  }

  private void feed(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/feed/".length()));
    int v = ThreadLocalRandom.current().nextDouble() < changeShare ? versions.incrementAndGet(n) : versions.get(n);
    String etag = "\"" + n + "-" + v + "\"";
    if (conditional && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      notModified.incrementAndGet();
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    StringBuilder b = new StringBuilder(2048).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
        .append("<title>Synthetic ").append(n).append("</title><link>http://127.0.0.1/</link><description>bench</description>");
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    for (int k = v; k > v - ITEMS && k >= 0; k--) {
      b.append("<item><guid isPermaLink=\"false\">").append(n).append('-').append(k).append("</guid><title>Story ")
          .append(k).append(" of feed ").append(n).append("</title><link>").append(base).append("/article/").append(n)
          .append('/').append(k).append("</link><description>Summary of story ").append(k)
          .append("</description><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>");
    }
    byte[] body = b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
    ex.getResponseHeaders().add("ETag", etag);
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private void article(HttpExchange ex) throws IOException {
    byte[] body = ("<html><head><title>Story</title></head><body><article><h1>Story</h1><p>"
        + ex.getRequestURI().getPath() + " text of the article.</p></article></body></html>").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
