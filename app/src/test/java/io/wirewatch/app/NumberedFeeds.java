package io.wirewatch.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A site on 127.0.0.1 with numbered RSS feeds for the ingest group tests: {@code /feed/N} lists items
 * {@code N-0 .. N-(k-1)} linking to {@code /article/N/K}, a small page. A test grows a feed with
 * {@link #addItem(int)} to see what the instances emit next.
 */
final class NumberedFeeds implements AutoCloseable {

  private final HttpServer http;
  private final AtomicIntegerArray items;

  NumberedFeeds(int feeds, int itemsEach) throws IOException {
    items = new AtomicIntegerArray(feeds);
    for (int i = 0; i < feeds; i++) {
      items.set(i, itemsEach);
    }
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/feed/", ex -> {
      int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/feed/".length()));
      StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f</title>"
          + "<link>http://127.0.0.1/</link><description>d</description>");
      for (int k = 0; k < items.get(n); k++) {
        b.append("<item><guid>").append(n).append('-').append(k).append("</guid><title>t").append(k)
            .append("</title><link>").append(article(n, k)).append("</link></item>");
      }
      send(ex, b.append("</channel></rss>").toString(), "application/rss+xml");
    });
    http.createContext("/article/", ex -> send(ex, "<html><body><p>" + ex.getRequestURI().getPath()
        + "</p></body></html>", "text/html; charset=utf-8"));
    http.start();
  }

  /** Answers 200 with {@code body} as UTF-8 of {@code type}. */
  static void send(HttpExchange ex, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  String base() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  String feed(int n) {
    return base() + "/feed/" + n;
  }

  String article(int feed, int item) {
    return base() + "/article/" + feed + "/" + item;
  }

  /** Adds one item to feed {@code n} and returns how many it has now. */
  int addItem(int n) {
    return items.incrementAndGet(n);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
