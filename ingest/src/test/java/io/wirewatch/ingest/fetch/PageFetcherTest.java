package io.wirewatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.ingest.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageFetcherTest {

  private static final int MAX_REDIRECTS = 3;
  private static final String USER_AGENT = "WirewatchTest/1";

  private HttpServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, String> lastUserAgent = new ConcurrentHashMap<>();
  private final Map<String, String> lastAcceptEncoding = new ConcurrentHashMap<>();

  @BeforeEach
  void startServer() throws IOException {
    server = TestServer.create();
    server.start();
  }

  @AfterEach
  void stopServer() {
    TestServer.stop(server);
  }

  private static FetchLimits limits(long maxBytes) {
    return new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), maxBytes, MAX_REDIRECTS, USER_AGENT, java.util.List.of("127.0.0.1", "::1"));
  }

  private static PageFetcher fetcher(long maxBytes) {
    FetchLimits limits = limits(maxBytes);
    return new PageFetcher(limits);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void route(String path, HttpHandler handler) {
    hits.put(path, new AtomicInteger());
    server.createContext(path, exchange -> {
      hits.get(path).incrementAndGet();
      String ua = exchange.getRequestHeaders().getFirst("User-Agent");
      lastUserAgent.put(path, ua == null ? "" : ua);
      String ae = exchange.getRequestHeaders().getFirst("Accept-Encoding");
      lastAcceptEncoding.put(path, ae == null ? "" : ae);
      try (exchange) {
        handler.handle(exchange);
      }
    });
  }

  private static void respond(HttpExchange ex, int status, String contentType, String encoding, byte[] body)
      throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    if (encoding != null) {
      ex.getResponseHeaders().set("Content-Encoding", encoding);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(plain);
    }
    return buf.toByteArray();
  }

  // --- successful fetches ---------------------------------------------------------------------

  @Test
  void plain200KeepsBodyContentTypeAndCharset() throws Exception {
    byte[] body = "<html><body><p>Café crème</p></body></html>".getBytes(StandardCharsets.ISO_8859_1);
    route("/plain", ex -> respond(ex, 200, "text/html; charset=ISO-8859-1", null, body));

    FetchedPage page = fetcher(1_000_000).fetch(url("/plain"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.requestedUrl()).isEqualTo(url("/plain"));
    assertThat(page.finalUrl()).isEqualTo(url("/plain"));
    assertThat(page.contentType()).isEqualTo("text/html; charset=ISO-8859-1");
    assertThat(page.mediaType()).isEqualTo("text/html");
    assertThat(page.declaredCharset()).isEqualTo("ISO-8859-1");
    assertThat(page.body()).isEqualTo(body);
    assertThat(hits.get("/plain")).hasValue(1);
  }

  @Test
  void sendsTheConfiguredUserAgentAndAcceptsCompression() throws Exception {
    route("/ua", ex -> respond(ex, 200, "text/plain", null, "ok".getBytes(StandardCharsets.UTF_8)));

    fetcher(1_000_000).fetch(url("/ua"));

    assertThat(lastUserAgent.get("/ua")).isEqualTo(USER_AGENT);
    assertThat(lastAcceptEncoding.get("/ua")).contains("gzip");
  }

  @Test
  void bodyOfExactlyTheLimitIsAccepted() throws Exception {
    byte[] body = new byte[2048];
    Arrays.fill(body, (byte) 'x');
    route("/exact", ex -> respond(ex, 200, "text/plain", null, body));

    assertThat(fetcher(2048).fetch(url("/exact")).body()).hasSize(2048);
  }

  @Test
  void gzipBodyIsDecoded() throws Exception {
    String html = "<html><body>" + "<p>compressed news</p>".repeat(200) + "</body></html>";
    byte[] compressed = gzip(html.getBytes(StandardCharsets.UTF_8));
    route("/gzip", ex -> respond(ex, 200, "text/html; charset=utf-8", "gzip", compressed));

    FetchedPage page = fetcher(1_000_000).fetch(url("/gzip"));

    assertThat(compressed.length).isLessThan(html.length());
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo(html);
  }

  @Test
  void deflateBodyIsDecoded() throws Exception {
    String text = "deflated ".repeat(100);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(buf)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    route("/deflate", ex -> respond(ex, 200, "text/plain", "deflate", buf.toByteArray()));

    assertThat(new String(fetcher(1_000_000).fetch(url("/deflate")).body(), StandardCharsets.UTF_8))
        .isEqualTo(text);
  }

  @Test
  void unknownContentEncodingIsReportedNotPassedOnAsText() {
    route("/br", ex -> respond(ex, 200, "text/html", "br", new byte[] {1, 2, 3, 4}));

    FetchException e = assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(url("/br")));

    assertThat(e).hasMessageContaining("Content-Encoding").hasMessageContaining("br");
    assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_ENCODING);
  }

  // --- redirects ------------------------------------------------------------------------------

  @Test
  void followsRedirectChainAndReportsTheFinalUrl() throws Exception {
    route("/old", ex -> redirect(ex, 301, "/middle"));
    route("/middle", ex -> redirect(ex, 302, url("/new").toString()));
    route("/new", ex -> respond(ex, 200, "text/html", null, "<p>moved</p>".getBytes(StandardCharsets.UTF_8)));

    FetchedPage page = fetcher(1_000_000).fetch(url("/old"));

    assertThat(page.requestedUrl()).isEqualTo(url("/old"));
    assertThat(page.finalUrl()).isEqualTo(url("/new"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("<p>moved</p>");
    assertThat(hits.get("/old")).hasValue(1);
    assertThat(hits.get("/middle")).hasValue(1);
    assertThat(hits.get("/new")).hasValue(1);
  }

  @Test
  void exactlyMaxRedirectsIsStillFollowed() throws Exception {
    route("/r1", ex -> redirect(ex, 301, "/r2"));
    route("/r2", ex -> redirect(ex, 301, "/r3"));
    route("/r3", ex -> redirect(ex, 301, "/done"));
    route("/done", ex -> respond(ex, 200, "text/plain", null, "done".getBytes(StandardCharsets.UTF_8)));

    assertThat(fetcher(1_000_000).fetch(url("/r1")).finalUrl()).isEqualTo(url("/done"));
  }

  @Test
  void redirectLoopFailsAfterMaxRedirects() {
    route("/loop", ex -> redirect(ex, 301, "/loop"));

    FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(url("/loop"))));

    assertThat(e).hasMessageContaining("redirects").hasMessageContaining(url("/loop").toString());
    assertThat(e.status()).isIn(301, 302);
    assertThat(e.kind()).isEqualTo(FetchException.Kind.REDIRECT);
    // The first request plus MAX_REDIRECTS hops, then it stops: a loop is not followed forever.
    assertThat(hits.get("/loop")).hasValue(MAX_REDIRECTS + 1);
  }

  @Test
  void redirectWithoutLocationIsAFailure() {
    route("/nowhere", ex -> ex.sendResponseHeaders(302, -1));

    FetchException e = assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(url("/nowhere")));

    assertThat(e.status()).isEqualTo(302);
    assertThat(e).hasMessageContaining("Location");
    assertThat(e.kind()).isEqualTo(FetchException.Kind.REDIRECT);
  }

  @Test
  void redirectToAnotherSchemeIsAFetchFailure() {
    route("/to-file", ex -> redirect(ex, 302, "file:///etc/passwd"));

    FetchException e = assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(url("/to-file")));

    assertThat(e.status()).isEqualTo(302);
    assertThat(e.kind()).isEqualTo(FetchException.Kind.SCHEME);
  }

  // --- failures -------------------------------------------------------------------------------

  @Test
  void serverErrorCarriesStatusAndUrl() {
    route("/unavailable", ex -> respond(ex, 503, "text/plain", null, "try later".getBytes(StandardCharsets.UTF_8)));

    FetchException e = assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(url("/unavailable")));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.kind()).isEqualTo(FetchException.Kind.STATUS);
    assertThat(e.url()).isEqualTo(url("/unavailable"));
    assertThat(e).hasMessageContaining("503").hasMessageContaining(url("/unavailable").toString());
  }

  @Test
  void notFoundCarries404() {
    route("/gone", ex -> respond(ex, 404, null, null, new byte[0]));

    FetchException e = assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(url("/gone")));

    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void bodyLargerThanTheLimitIsRejected() {
    byte[] body = new byte[100 * 1024];
    Arrays.fill(body, (byte) 'a');
    route("/big", ex -> respond(ex, 200, "text/html", null, body));

    FetchException e = assertThrows(FetchException.class, () -> fetcher(2048).fetch(url("/big")));

    assertThat(e).hasMessageContaining("larger than 2048 bytes").hasMessageContaining(url("/big").toString());
    assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
  }

  @Test
  void endlessBodyIsCutOffAtTheLimit() {
    AtomicLong written = new AtomicLong();
    route("/endless", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/html");
      ex.sendResponseHeaders(200, 0); // chunked, no declared length
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, (byte) 'z');
      try (OutputStream out = ex.getResponseBody()) {
        while (written.get() < 2_000_000_000L) {
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (IOException clientWentAway) {
        // expected: the fetcher stops reading and drops the connection
      }
    });

    FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(FetchException.class, () -> fetcher(4096).fetch(url("/endless"))));

    assertThat(e).hasMessageContaining("larger than 4096 bytes");
  }

  @Test
  void gzipBombIsRejectedWithoutInflatingItAll() throws Exception {
    byte[] bomb;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 50; i++) {
        gz.write(zeros); // 50 MB of zeros
      }
    }
    bomb = buf.toByteArray();
    route("/bomb", ex -> respond(ex, 200, "text/html", "gzip", bomb));

    FetchLimits limits = limits(1_048_576);
    AtomicLong bodyBytesRead = new AtomicLong();
    PageFetcher fetcher = new PageFetcher(limits, new io.wirewatch.model.net.AddressGuard(FetchLimits.ALLOW_ADDRESSES, limits.allowAddresses()),
        in -> counting(in, bodyBytesRead));

    FetchException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(FetchException.class, () -> fetcher.fetch(url("/bomb"))));

    assertThat(e).hasMessageContaining("larger than 1048576 bytes").hasMessageContaining("decompression");
    // The server did answer 200: the kind, not the status, says the fetch failed.
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
    // Inflating 1 MB of zeros takes a few KB of the ~50 KB compressed stream: the rest is never read.
    assertThat(bodyBytesRead.get()).isPositive().isLessThan(bomb.length / 2);
  }

  @Test
  void connectionRefusedIsAFetchFailureWithoutStatus() throws Exception {
    int freePort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + freePort + "/x");

    FetchException e = assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(closed));

    assertThat(e.status()).isZero();
    assertThat(e.kind()).isEqualTo(FetchException.Kind.IO);
    assertThat(e.url()).isEqualTo(closed);
  }

  @Test
  void unsupportedSchemeIsRefusedBeforeAnyRequest() {
    URI ftp = URI.create("ftp://127.0.0.1/feed.xml");

    assertThatThrownBy(() -> fetcher(1_000_000).fetch(ftp))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.kind()).isEqualTo(FetchException.Kind.SCHEME);
        })
        .hasMessageContaining("unsupported URL scheme 'ftp'");
  }

  // --- file: URLs -----------------------------------------------------------------------------

  @Test
  void readsAFileUrl(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("page.html");
    byte[] content = "<html><body>local é</body></html>".getBytes(StandardCharsets.UTF_8);
    Files.write(file, content);

    FetchedPage page = fetcher(1_000_000).fetch(file.toUri());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).isEqualTo(content);
    assertThat(page.mediaType()).isEqualTo("text/html");
    assertThat(page.finalUrl()).isEqualTo(file.toUri());
    assertThat(page.requestedUrl()).isEqualTo(file.toUri());
  }

  @Test
  void fileUrlContentTypeFollowsTheExtension(@TempDir Path dir) throws Exception {
    Path xml = Files.writeString(dir.resolve("feed.xml"), "<rss/>");
    Path other = Files.writeString(dir.resolve("notes.txt"), "x");

    assertThat(fetcher(1_000_000).fetch(xml.toUri()).mediaType()).isEqualTo("application/xml");
    assertThat(fetcher(1_000_000).fetch(other.toUri()).contentType()).isNull();
  }

  @Test
  void missingFileIs404(@TempDir Path dir) {
    URI missing = dir.resolve("missing.html").toUri();

    FetchException e = assertThrows(FetchException.class, () -> fetcher(1_000_000).fetch(missing));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.url()).isEqualTo(missing);
    assertThat(e).hasMessageContaining("no such file").hasMessageContaining("missing.html");
  }

  @Test
  void fileLargerThanTheLimitIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.html");
    Files.write(file, new byte[10_000]);

    assertThatThrownBy(() -> fetcher(2048).fetch(file.toUri()))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("larger than 2048 bytes");
  }

  // --- helpers --------------------------------------------------------------------------------

  /** The (still compressed) body bytes the fetcher reads from the wire, counted. */
  private static InputStream counting(InputStream in, AtomicLong count) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          count.addAndGet(n);
        }
        return n;
      }
    };
  }
}
