package io.wirewatch.ingest.fetch;

import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.ingest.fetch.FetchException.Kind;
import io.wirewatch.model.net.AddressGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches one URL over {@code http}, {@code https} or {@code file}, within the configured limits.
 *
 * <p>Redirects are followed here rather than by the HTTP client so that each hop is counted (a
 * loop is reported as one) and its target checked before it is requested. The body is read within
 * {@link BodyLimits}: a size cap on the decompressed bytes and a deadline for the whole fetch.
 *
 * <p>The HTTP client is Apache HttpClient, for one reason: its DNS is pluggable, and the
 * {@link AddressGuard} is that DNS, so the address checked against SSRF is the address connected
 * to, on every hop (the JDK client resolves the name again by itself when it connects, which DNS
 * rebinding exploits). The host name stays in the request, so the {@code Host} header, TLS SNI
 * and certificate checks are the name's, as with any client.
 */
public final class PageFetcher implements Fetcher, AutoCloseable {

  private static final String ACCEPT =
      "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8";

  /**
   * Pooled connections: per host, more than the politeness gate ever lets through at once; in all,
   * enough for the polling threads to keep connections to the hosts they poll most.
   */
  private static final int MAX_CONNECTIONS_PER_HOST = 16;
  private static final int MAX_CONNECTIONS = 256;

  private final CloseableHttpClient client;
  private final FetchLimits limits;
  private final UnaryOperator<InputStream> wireTap;

  public PageFetcher(FetchLimits limits) {
    this(limits, new AddressGuard(FetchLimits.ALLOW_ADDRESSES, limits.allowAddresses()));
  }

  /** A fetcher whose connections go only to the addresses {@code guard} resolves and allows. */
  public PageFetcher(FetchLimits limits, AddressGuard guard) {
    this(limits, guard, in -> in);
  }

  /** @param wireTap wraps each response's raw body stream: a seam for tests that count what is read */
  PageFetcher(FetchLimits limits, AddressGuard guard, UnaryOperator<InputStream> wireTap) {
    this.limits = limits;
    this.wireTap = wireTap;
    this.client = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new GuardedDns(guard))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                .setSocketTimeout(Timeout.of(limits.requestTimeout()))
                .build())
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
            .setMaxConnTotal(MAX_CONNECTIONS)
            .build())
        // redirects are hops of our own (counted, checked); bodies are decoded by BodyLimits
        // (size cap after decompression); a failed fetch is retried by the scheduler, not here
        .disableRedirectHandling()
        .disableContentCompression()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
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
    try (InputStream in = Files.newInputStream(path); BodyLimits body = BodyLimits.sizeOnly(limits.maxBodyBytes())) {
      return new FetchedPage(url, url, 200, contentTypeOf(path), body.read(in, null, url, 200));
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
    try (BodyLimits body = BodyLimits.of(limits.maxBodyBytes(), limits.totalTimeout())) {
      try {
        return fetchHttp(requested, validators, body);
      } catch (FetchException e) {
        if (body.expired()) {
          throw new FetchException(Kind.TIMEOUT, "gave up after " + limits.totalTimeout().toMillis()
              + " ms in all (ingest.fetch.total-timeout): the server sends too slowly", e.url(), e.status(), e);
        }
        throw e;
      }
    }
  }

  private FetchedPage fetchHttp(URI requested, Validators validators, BodyLimits body) throws FetchException {
    URI url = requested;
    for (int hop = 0; ; hop++) {
      if (url.getHost() == null) {
        throw new FetchException(Kind.SCHEME, "URL has no host", url, 0);
      }
      Duration wait = body.nanosLeftOrTotal(limits.requestTimeout());
      if (wait.isZero()) {
        throw new FetchException(Kind.TIMEOUT, "total time limit reached before the request", url, 0);
      }
      HttpGet request = new HttpGet(url);
      request.setConfig(RequestConfig.custom()
          .setResponseTimeout(Timeout.of(wait))
          .setConnectionRequestTimeout(Timeout.of(wait))
          .build());
      request.setHeader("User-Agent", limits.userAgent());
      request.setHeader("Accept", ACCEPT);
      request.setHeader("Accept-Encoding", "gzip, deflate");
      if (validators.etag() != null) {
        request.setHeader("If-None-Match", validators.etag());
      }
      if (validators.lastModified() != null) {
        request.setHeader("If-Modified-Since", validators.lastModified());
      }
      // At the deadline the connection is closed under whatever waits on it.
      body.abortOnExpiry(request::cancel);
      ClassicHttpResponse response;
      try {
        response = client.executeOpen(null, request, null);
      } catch (IOException e) {
        throw requestFailed(e, url);
      }
      int status = response.getCode();
      if (status >= 300 && status < 400 && status != 304) {
        discard(request, response);
        String location = header(response, "Location");
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
      Duration maxAge = CacheHeaders.maxAge(header(response, "Cache-Control"));
      if (status == 304) {
        close(request, response);
        return new FetchedPage(requested, url, status, null, new byte[0], merge(validators, response), maxAge, 0);
      }
      if (status != 200) {
        discard(request, response);
        Duration retryAfter = CacheHeaders.retryAfter(header(response, "Retry-After"));
        throw new FetchException(Kind.STATUS, "HTTP " + status
            + (retryAfter != null ? ", Retry-After " + retryAfter.toSeconds() + "s" : ""), url, status, null, retryAfter);
      }
      HttpEntity entity = response.getEntity();
      try {
        byte[] bytes = entity == null ? new byte[0]
            : body.read(wireTap.apply(entity.getContent()), header(response, "Content-Encoding"), url, status);
        close(request, response);
        return new FetchedPage(requested, url, status, header(response, "Content-Type"), bytes,
            merge(Validators.NONE, response), maxAge, body.wireBytes());
      } catch (FetchException e) {
        discard(request, response);
        throw e;
      } catch (IOException e) {
        discard(request, response);
        throw new FetchException(Kind.IO, "reading the body failed: " + e, url, status, e);
      }
    }
  }

  private FetchException requestFailed(IOException e, URI url) {
    if (e instanceof AddressGuard.RefusedAddressException) {
      return new FetchException(Kind.REFUSED_ADDRESS, e.getMessage(), url, 0);
    }
    if (e instanceof UnknownHostException) {
      return new FetchException(Kind.UNKNOWN_HOST, "unknown host '" + url.getHost() + "'", url, 0, e);
    }
    if (e instanceof ConnectTimeoutException) {
      return new FetchException(Kind.TIMEOUT, "could not connect within " + limits.connectTimeout().toSeconds()
          + "s", url, 0, e);
    }
    if (e instanceof SocketTimeoutException) {
      return new FetchException(Kind.TIMEOUT, "timed out after " + limits.requestTimeout().toSeconds()
          + "s waiting for the response", url, 0, e);
    }
    return new FetchException(Kind.IO, "request failed: " + e, url, 0, e);
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  private static Validators merge(Validators sent, ClassicHttpResponse response) {
    String etag = header(response, "ETag");
    String lastModified = header(response, "Last-Modified");
    return new Validators(etag != null ? etag : sent.etag(), lastModified != null ? lastModified : sent.lastModified());
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

  /** A response read to its end: its connection goes back to the pool. */
  private static void close(HttpGet request, ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException e) {
      request.cancel(); // the connection cannot be reused: drop it
    }
  }

  /**
   * A response whose body is not wanted (or failed): the connection is dropped rather than drained,
   * since draining an endless or dripping body is what the limits are there to prevent.
   */
  private static void discard(HttpGet request, ClassicHttpResponse response) {
    request.cancel();
    close(request, response);
  }

  /** Closes the connection pool; fetches in flight fail. */
  @Override
  public void close() {
    client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
  }

  /** The guard as the client's DNS: resolved once, checked, and connected to as checked. */
  private static final class GuardedDns implements DnsResolver {
    private final AddressGuard guard;

    GuardedDns(AddressGuard guard) {
      this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return guard.resolve(host);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
      return Arrays.stream(guard.resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host; // only asked for by Kerberos authentication, which is never used here
    }
  }
}
