package io.wirewatch.notify.deliver;

import io.wirewatch.model.net.AddressGuard;
import io.wirewatch.model.net.RetryAfter;
import io.wirewatch.notify.NotifyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs over HTTP(S) with Apache HttpClient, whose DNS is the {@link AddressGuard}: the address
 * checked against SSRF is the address connected to, as in ingest's fetcher (a receiver's name
 * re-resolved to an internal address between check and connect gets nowhere). Redirects are not
 * followed (a POST is not re-sent elsewhere) and nothing is retried here: retries are the
 * channel worker's, with back-off.
 */
public final class HttpTransport implements Transport {

  /** Enough for the channels' worker threads; a channel is one host. */
  private static final int MAX_CONNECTIONS_PER_HOST = 64;
  private static final int MAX_CONNECTIONS = 256;
  /** Read at most this much of a response: receivers answer "ok", and the body is only kept for logs. */
  private static final int MAX_RESPONSE_BYTES = 8_192;

  private final CloseableHttpClient client;
  private final NotifyConfig.Http http;
  private final Clock clock;

  public HttpTransport(NotifyConfig.Http http, AddressGuard guard, Clock clock) {
    this.http = http;
    this.clock = clock;
    this.client = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new GuardedDns(guard))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(http.connectTimeout()))
                .setSocketTimeout(Timeout.of(http.requestTimeout()))
                .build())
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
            .setMaxConnTotal(MAX_CONNECTIONS)
            .build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(http.userAgent())
        .build();
  }

  @Override
  public Answer post(URI url, Map<String, String> headers, byte[] body) {
    HttpPost post = new HttpPost(url);
    post.setConfig(RequestConfig.custom()
        .setResponseTimeout(Timeout.of(http.requestTimeout()))
        .setConnectionRequestTimeout(Timeout.of(http.requestTimeout()))
        .build());
    headers.forEach(post::setHeader);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
      drain(response.getEntity());
      Header h = response.getFirstHeader("Retry-After");
      return Answer.ofStatus(response.getCode(), h == null ? null : RetryAfter.parse(h.getValue(), clock.instant()));
    } catch (AddressGuard.RefusedAddressException e) {
      return Answer.noAnswer(Answer.Verdict.PERMANENT, e.getMessage());
    } catch (UnknownHostException e) {
      return Answer.noAnswer(Answer.Verdict.RETRY, "unknown host '" + url.getHost() + "'");
    } catch (ConnectTimeoutException e) {
      return Answer.noAnswer(Answer.Verdict.RETRY, "could not connect within " + http.connectTimeout().toSeconds() + "s");
    } catch (SocketTimeoutException e) {
      return Answer.noAnswer(Answer.Verdict.RETRY, "no response within " + http.requestTimeout().toMillis() + " ms");
    } catch (IOException e) {
      // The message names host and port at most; the caller redacts the channel's URL anyway.
      return Answer.noAnswer(Answer.Verdict.RETRY, "request failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /** Reads a little of the body so that the connection can go back to the pool, and drops the rest. */
  private static void drain(HttpEntity entity) throws IOException {
    if (entity == null) {
      return;
    }
    try (InputStream in = entity.getContent()) {
      byte[] buf = new byte[MAX_RESPONSE_BYTES];
      int total = 0;
      int n;
      while (total < MAX_RESPONSE_BYTES && (n = in.read(buf, 0, MAX_RESPONSE_BYTES - total)) > 0) {
        total += n;
      }
    }
  }

  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
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
