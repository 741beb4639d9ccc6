package io.wirewatch.ingest.fetch;

import io.wirewatch.ingest.IngestConfig.FetchLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import io.wirewatch.ingest.fetch.FetchException.Kind;

/**
 * Fetches one URL over {@code http}, {@code https} or {@code file}, within the configured limits.
 *
 * <p>Redirects are followed here rather than by the HTTP client so that each hop is counted (a
 * loop is reported as one) and can be checked before it is requested. The body limit applies to the
 * decompressed bytes while they stream in, so neither an endless body nor a gzip bomb can fill
 * memory.
 *
 * <p>Every hop's host is checked by the {@link AddressGuard} first (SSRF). The whole fetch, body
 * included, must end within {@code totalTimeout}: the client's own request timeout only covers the
 * wait for headers, so a server dripping one byte a second would otherwise hold a thread forever.
 * A watchdog interrupts the reading thread at the deadline (the JDK's response stream wakes from a
 * blocked read only on interrupt).
 */
public final class PageFetcher implements Fetcher {

  private static final String ACCEPT =
      "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8";

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wirewatch-fetch-deadline");
    t.setDaemon(true);
    return t;
  });

  private final HttpClient client;
  private final FetchLimits limits;
  private final AddressGuard guard;

  public PageFetcher(HttpClient client, FetchLimits limits) {
    this(client, limits, new AddressGuard(limits.allowAddresses()));
  }

  public PageFetcher(HttpClient client, FetchLimits limits, AddressGuard guard) {
    this.client = client;
    this.limits = limits;
    this.guard = guard;
  }

  /** An HTTP client with the connect timeout of {@code limits} and no automatic redirects. */
  public static HttpClient defaultClient(FetchLimits limits) {
    return HttpClient.newBuilder()
        .connectTimeout(limits.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public FetchedPage fetch(URI url) throws FetchException {
    return fetch(url, Validators.NONE);
  }

  /**
   * Fetches {@code url}; with validators from an earlier fetch the server may answer 304, returned
   * as a page with {@link FetchedPage#notModified()} and no body.
   */
  @Override
  public FetchedPage fetch(URI url, Validators validators) throws FetchException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> fetchFile(url);
      case "http", "https" -> fetchHttp(url, validators);
      default -> throw new FetchException(Kind.SCHEME, "unsupported URL scheme '" + scheme + "'", url, 0);
    };
  }

  private FetchedPage fetchFile(URI url) throws FetchException {
    Path path;
    try {
      path = Path.of(url);
    } catch (IllegalArgumentException e) {
      throw new FetchException(Kind.IO, "not a usable file URL: " + e.getMessage(), url, 0, e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return new FetchedPage(url, url, 200, contentTypeOf(path), readLimited(in, url));
    } catch (NoSuchFileException e) {
      throw new FetchException(Kind.STATUS, "no such file", url, 404, e);
    } catch (IOException e) {
      throw new FetchException(Kind.IO, "cannot read file: " + e.getMessage(), url, 0, e);
    }
  }

  private static String contentTypeOf(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".xml") || name.endsWith(".rss") || name.endsWith(".atom")) {
      return "application/xml";
    }
    return name.endsWith(".html") || name.endsWith(".htm") ? "text/html" : null;
  }

  private FetchedPage fetchHttp(URI requested, Validators validators) throws FetchException {
    long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
    Deadline watchdog = new Deadline(Thread.currentThread(), deadline);
    ScheduledFuture<?> timer = WATCHDOG.schedule(watchdog::fire, limits.totalTimeout().toNanos(), TimeUnit.NANOSECONDS);
    try {
      return fetchHttp(requested, validators, watchdog);
    } catch (FetchException e) {
      if (watchdog.fired()) {
        throw new FetchException(Kind.TIMEOUT, "gave up after " + limits.totalTimeout().toMillis()
            + " ms in all (ingest.fetch.total-timeout): the server sends too slowly", e.url(), e.status(), e);
      }
      throw e;
    } finally {
      timer.cancel(false);
      watchdog.finish();
    }
  }

  private FetchedPage fetchHttp(URI requested, Validators validators, Deadline watchdog) throws FetchException {
    long deadline = watchdog.at;
    URI url = requested;
    for (int hop = 0; ; hop++) {
      guard.check(url);
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new FetchException(Kind.TIMEOUT, "total time limit reached before the request", url, 0);
      }
      HttpRequest.Builder builder = HttpRequest.newBuilder(url)
          .timeout(Duration.ofNanos(Math.min(left, limits.requestTimeout().toNanos())))
          .header("User-Agent", limits.userAgent())
          .header("Accept", ACCEPT)
          .header("Accept-Encoding", "gzip, deflate")
          .GET();
      if (validators.etag() != null) {
        builder.header("If-None-Match", validators.etag());
      }
      if (validators.lastModified() != null) {
        builder.header("If-Modified-Since", validators.lastModified());
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw new FetchException(Kind.TIMEOUT, "timed out after " + limits.requestTimeout().toSeconds()
            + "s waiting for the response", url, 0, e);
      } catch (IOException e) {
        throw new FetchException(Kind.IO, "request failed: " + e, url, 0, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException(Kind.IO, "interrupted", url, 0, e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        closeQuietly(response.body());
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new FetchException(Kind.REDIRECT, "redirect without a Location header", url, status);
        }
        if (hop >= limits.maxRedirects()) {
          throw new FetchException(Kind.REDIRECT, "more than " + limits.maxRedirects()
              + " redirects (a redirect loop?)", requested, status);
        }
        url = redirectTarget(url, location, status);
        continue;
      }
      Duration maxAge = CacheHeaders.maxAge(response.headers().firstValue("Cache-Control").orElse(null));
      if (status == 304) {
        closeQuietly(response.body());
        return new FetchedPage(requested, url, status, null, new byte[0],
            merge(validators, response), maxAge, 0);
      }
      if (status != 200) {
        closeQuietly(response.body());
        Duration retryAfter = CacheHeaders.retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        throw new FetchException(Kind.STATUS, "HTTP " + status + (retryAfter != null ? ", Retry-After " + retryAfter.toSeconds() + "s" : ""),
            url, status, null, retryAfter);
      }
      String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
      CountingInputStream wire = new CountingInputStream(response.body(), deadline);
      watchdog.closeOnFire(wire);
      try (InputStream body = decoded(wire, encoding, url)) {
        byte[] bytes = readLimited(body, url);
        return new FetchedPage(requested, url, status,
            response.headers().firstValue("Content-Type").orElse(null), bytes,
            merge(Validators.NONE, response), maxAge, wire.count);
      } catch (IOException e) {
        throw new FetchException(e instanceof java.util.zip.ZipException ? Kind.BAD_ENCODING : Kind.IO,
            "reading the body failed: " + e, url, status, e);
      }
    }
  }

  private static Validators merge(Validators sent, HttpResponse<?> response) {
    String etag = response.headers().firstValue("ETag").orElse(sent.etag());
    String lastModified = response.headers().firstValue("Last-Modified").orElse(sent.lastModified());
    return new Validators(etag, lastModified);
  }

  /** The next hop; a redirect may only lead to another http(s) URL (never to file: or ftp:). */
  private static URI redirectTarget(URI from, String location, int status) throws FetchException {
    URI next;
    try {
      next = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new FetchException(Kind.REDIRECT, "redirect to a malformed URL '" + location + "'", from, status, e);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
      throw new FetchException(Kind.SCHEME, "redirect to a non-http(s) URL '" + location + "' refused", from, status);
    }
    return next;
  }

  private static InputStream decoded(InputStream in, String encoding, URI url)
      throws IOException, FetchException {
    return switch (encoding.trim().toLowerCase(Locale.ROOT)) {
      case "gzip", "x-gzip" -> new GZIPInputStream(in);
      case "deflate" -> new InflaterInputStream(in);
      case "identity", "" -> in;
      default -> {
        closeQuietly(in);
        throw new FetchException(Kind.BAD_ENCODING, "unsupported Content-Encoding '" + encoding + "'", url, 200);
      }
    };
  }

  private byte[] readLimited(InputStream in, URI url) throws IOException, FetchException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
    byte[] buffer = new byte[16_384];
    long total = 0;
    int n;
    while ((n = read(in, buffer, url)) != -1) {
      total += n;
      if (total > limits.maxBodyBytes()) {
        throw new FetchException(Kind.TOO_LARGE, "body larger than " + limits.maxBodyBytes()
            + " bytes (after decompression)", url, 200);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static int read(InputStream in, byte[] buffer, URI url) throws IOException, FetchException {
    try {
      return in.read(buffer);
    } catch (DeadlineExceeded e) {
      throw new FetchException(Kind.TIMEOUT, "body not complete in time", url, 200, e);
    }
  }

  /** Thrown by the counting stream once the deadline has passed, so a drip cannot outlast it. */
  private static final class DeadlineExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded() {
      super("total time limit reached while reading the body");
    }
  }

  /**
   * Interrupts the fetching thread once, unless the fetch finished first. The lock makes "finish"
   * and "fire" exclusive, so a late watchdog never leaves a stray interrupt on a pool thread.
   */
  private static final class Deadline {
    private final Thread thread;
    final long at;
    private boolean done;
    private boolean fired;
    private InputStream body;

    Deadline(Thread thread, long at) {
      this.thread = thread;
      this.at = at;
    }

    /** A read blocked on a silent server wakes up when its stream is closed under it. */
    synchronized void closeOnFire(InputStream in) {
      body = in;
    }

    synchronized void fire() {
      if (!done) {
        fired = true;
        thread.interrupt();
        if (body != null) {
          closeQuietly(body);
        }
      }
    }

    synchronized boolean fired() {
      return fired || System.nanoTime() - at >= 0;
    }

    synchronized void finish() {
      done = true;
      if (fired) {
        Thread.interrupted(); // clear our own interrupt; a caller's shutdown interrupt came as an exception
      }
    }
  }

  /** Counts compressed bytes as they arrive, for the status record. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private final long deadline;
    long count;

    CountingInputStream(InputStream in, long deadline) {
      super(in);
      this.deadline = deadline;
    }

    private void checkDeadline() throws DeadlineExceeded {
      if (System.nanoTime() - deadline >= 0) {
        throw new DeadlineExceeded();
      }
    }

    @Override
    public int read() throws IOException {
      checkDeadline();
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      checkDeadline();
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  // The response is abandoned anyway; a failure to close it has no consequence worth reporting.
  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing to recover: the connection is discarded by the client
    }
  }
}
