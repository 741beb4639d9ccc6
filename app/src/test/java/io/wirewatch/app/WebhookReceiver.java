package io.wirewatch.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A webhook receiver on 127.0.0.1 for the notify tests: each path answers as its behaviour says,
 * and every request is kept with its Wirewatch headers and body.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as received, with the status it was answered (0: never answered). */
  record Request(String path, String id, String event, String timestamp, String signature, byte[] body, int status,
      long nanos) {}

  /** What a path answers to the n-th request (1-based) carrying one idempotency key. */
  record Reply(int status, Map<String, String> headers) {
    static Reply of(int status) {
      return new Reply(status, Map.of());
    }
  }

  /** Answer for this key's n-th try; null: never answer. */
  @FunctionalInterface
  interface Behaviour {
    Reply reply(String id, int attempt);
  }

  private final HttpServer server;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "webhook-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  WebhookReceiver on(String path, Behaviour b) {
    behaviours.put(path, b);
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Request> at(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  List<Request> accepted(String path) {
    return at(path).stream().filter(r -> r.status() >= 200 && r.status() < 300).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] body = ex.getRequestBody().readAllBytes();
    String id = ex.getRequestHeaders().getFirst("X-Wirewatch-Id");
    int attempt = tries.computeIfAbsent(path + " " + id, k -> new AtomicInteger()).incrementAndGet();
    Behaviour b = behaviours.getOrDefault(path, (i, n) -> Reply.of(404));
    Reply reply = b.reply(id, attempt);
    Function<String, String> h = ex.getRequestHeaders()::getFirst;
    Request r = new Request(path, id, h.apply("X-Wirewatch-Event"), h.apply("X-Wirewatch-Timestamp"),
        h.apply("X-Wirewatch-Signature"), body, reply == null ? 0 : reply.status(), System.nanoTime());
    requests.add(r);
    if (reply == null) {
      try {
        closing.await(60, TimeUnit.SECONDS); // never answers; released when the test ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(reply.status(), -1);
    ex.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
