package io.wirewatch.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.ingest.IngestConfig.FetchLimits;
import io.wirewatch.model.net.AddressGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a name that resolves to an allowed address when the guard checks it and to an
 * internal one a moment later, when the connection is made. Played out on loopback only: 127.0.0.2
 * stands for the public address the guard allows, 127.0.0.1 for the internal service it refuses,
 * both listening on the same port; the name is {@code localhost}, which the system resolver (what
 * a client resolving on its own would ask) maps to 127.0.0.1.
 */
class DnsRebindingTest {

  private HttpServer internal;
  private HttpServer checked;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, String> hostHeader = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    internal = server(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), "internal");
    int port = internal.getAddress().getPort();
    checked = server(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port), "checked");
  }

  private HttpServer server(InetSocketAddress at, String name) throws IOException {
    HttpServer s = HttpServer.create(at, 0);
    hits.put(name, new AtomicInteger());
    s.createContext("/", ex -> {
      hits.get(name).incrementAndGet();
      hostHeader.put(name, String.valueOf(ex.getRequestHeaders().getFirst("Host")));
      byte[] body = ("<p>" + name + "</p>").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "text/html");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.start();
    return s;
  }

  @AfterEach
  void stop() {
    internal.stop(0);
    checked.stop(0);
  }

  @Test
  void theAddressCheckedIsTheAddressConnectedTo() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    AddressGuard guard = new AddressGuard(FetchLimits.ALLOW_ADDRESSES, List.of("127.0.0.2"), host -> new InetAddress[] {
        InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")});
    FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        100_000, 3, "WirewatchTest/1", List.of("127.0.0.2"));
    int port = internal.getAddress().getPort();

    String text;
    try (PageFetcher fetcher = new PageFetcher(limits, guard)) {
      FetchedPage page = fetcher.fetch(URI.create("http://localhost:" + port + "/news"));
      text = page.text();
    } catch (FetchException refused) {
      // refusing is as good as connecting to the checked address; reaching 127.0.0.1 is not
      assertThat(refused.kind()).isEqualTo(FetchException.Kind.REFUSED_ADDRESS);
      text = null;
    }

    assertThat(hits.get("internal")).as("the internal service is never reached").hasValue(0);
    if (text != null) {
      assertThat(text).isEqualTo("<p>checked</p>");
      assertThat(lookups).as("one lookup, whose answer is used").hasValue(1);
      assertThat(hostHeader.get("checked")).as("the name stays in the request").isEqualTo("localhost:" + port);
    }
  }
}
