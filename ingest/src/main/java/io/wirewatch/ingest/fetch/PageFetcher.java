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
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Fetches one URL over {@code http}, {@code https} or {@code file}, within the configured limits.
 *
 * <p>Redirects are followed here rather than by the HTTP client so that each hop is counted (a
 * loop is reported as one) and can be checked before it is requested. The body limit applies to the
 * decompressed bytes while they stream in, so neither an endless body nor a gzip bomb can fill
 * memory.
 */
public final class PageFetcher {

  private static final String ACCEPT =
      "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8";

  private final HttpClient client;
  private final FetchLimits limits;

  public PageFetcher(HttpClient client, FetchLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  /** An HTTP client with the connect timeout of {@code limits} and no automatic redirects. */
  public static HttpClient defaultClient(FetchLimits limits) {
    return HttpClient.newBuilder()
        .connectTimeout(limits.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public FetchedPage fetch(URI url) throws FetchException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> fetchFile(url);
      case "http", "https" -> fetchHttp(url);
      default -> throw new FetchException("unsupported URL scheme '" + scheme + "'", url, 0);
    };
  }

  private FetchedPage fetchFile(URI url) throws FetchException {
    Path path;
    try {
      path = Path.of(url);
    } catch (IllegalArgumentException e) {
      throw new FetchException("not a usable file URL: " + e.getMessage(), url, 0, e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return new FetchedPage(url, url, 200, contentTypeOf(path), readLimited(in, url));
    } catch (NoSuchFileException e) {
      throw new FetchException("no such file", url, 404, e);
    } catch (IOException e) {
      throw new FetchException("cannot read file: " + e.getMessage(), url, 0, e);
    }
  }

  private static String contentTypeOf(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".xml") || name.endsWith(".rss") || name.endsWith(".atom")) {
      return "application/xml";
    }
    return name.endsWith(".html") || name.endsWith(".htm") ? "text/html" : null;
  }

  private FetchedPage fetchHttp(URI requested) throws FetchException {
    URI url = requested;
    for (int hop = 0; ; hop++) {
      HttpRequest request = HttpRequest.newBuilder(url)
          .timeout(limits.requestTimeout())
          .header("User-Agent", limits.userAgent())
          .header("Accept", ACCEPT)
          .header("Accept-Encoding", "gzip, deflate")
          .GET()
          .build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw new FetchException("timed out after " + limits.requestTimeout().toSeconds()
            + "s waiting for the response", url, 0, e);
      } catch (IOException e) {
        throw new FetchException("request failed: " + e, url, 0, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException("interrupted", url, 0, e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        closeQuietly(response.body());
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new FetchException("redirect without a Location header", url, status);
        }
        if (hop >= limits.maxRedirects()) {
          throw new FetchException("more than " + limits.maxRedirects()
              + " redirects (a redirect loop?)", requested, status);
        }
        url = redirectTarget(url, location, status);
        continue;
      }
      if (status != 200) {
        closeQuietly(response.body());
        throw new FetchException("HTTP " + status, url, status);
      }
      String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
      try (InputStream body = decoded(response.body(), encoding, url)) {
        byte[] bytes = readLimited(body, url);
        return new FetchedPage(requested, url, status,
            response.headers().firstValue("Content-Type").orElse(null), bytes);
      } catch (IOException e) {
        throw new FetchException("reading the body failed: " + e, url, status, e);
      }
    }
  }

  /** The next hop; a redirect may only lead to another http(s) URL (never to file: or ftp:). */
  private static URI redirectTarget(URI from, String location, int status) throws FetchException {
    URI next;
    try {
      next = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new FetchException("redirect to a malformed URL '" + location + "'", from, status, e);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
      throw new FetchException("redirect to a non-http(s) URL '" + location + "' refused", from, status);
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
        throw new FetchException("unsupported Content-Encoding '" + encoding + "'", url, 200);
      }
    };
  }

  private byte[] readLimited(InputStream in, URI url) throws IOException, FetchException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
    byte[] buffer = new byte[16_384];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > limits.maxBodyBytes()) {
        throw new FetchException("body larger than " + limits.maxBodyBytes()
            + " bytes (after decompression)", url, 200);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
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
