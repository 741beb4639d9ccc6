package io.wirewatch.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessGuardTest {

  private static final AccessToken TOKEN = AccessToken.of("s3cret");
  private final AccessGuard loopback = new AccessGuard(TOKEN, "127.0.0.1", List.of("console.internal"));
  private final AccessGuard exposed = new AccessGuard(TOKEN, "0.0.0.0", List.of());

  private static Integer status(ApiError e) {
    return e == null ? null : e.status();
  }

  @Test
  void changesAlwaysNeedTheToken() {
    for (AccessGuard g : List.of(loopback, exposed)) {
      assertThat(status(g.decide(HandlerType.PUT, "/api/rules/x", null, null, "127.0.0.1:8080"))).isEqualTo(401);
      assertThat(status(g.decide(HandlerType.DELETE, "/api/sources/x", "Bearer wrong", null, "127.0.0.1"))).isEqualTo(401);
      assertThat(status(g.decide(HandlerType.POST, "/api/rules/preview", "Bearer s3cret", null, "127.0.0.1"))).isNull();
      assertThat(status(g.decide(HandlerType.POST, "/api/rules/preview", "bearer   s3cret", null, "any.host"))).isNull();
    }
  }

  @Test
  void readsNeedTheTokenOnlyOffLoopbackAndThenOnlyFromLoopbackNames() {
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", null, null, "127.0.0.1:8080"))).isNull();
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", null, null, "localhost:8080"))).isNull();
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", null, null, "[::1]:8080"))).isNull();
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", null, null, "console.internal:8080"))).isNull();
    // A name that resolves to 127.0.0.1 for the attacker's page (DNS rebinding) is refused.
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", null, null, "evil.example:8080"))).isEqualTo(403);
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", null, null, null))).isEqualTo(403);
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", "Bearer s3cret", null, "evil.example"))).isNull();
    assertThat(status(loopback.decide(HandlerType.GET, "/api/alerts", "Bearer nope", null, "127.0.0.1"))).isEqualTo(401);

    assertThat(status(exposed.decide(HandlerType.GET, "/api/alerts", null, null, "127.0.0.1:8080"))).isEqualTo(401);
    assertThat(status(exposed.decide(HandlerType.GET, "/api/alerts", "Bearer s3cret", null, "ops.example"))).isNull();
    assertThat(exposed.readsNeedToken()).isTrue();
    assertThat(loopback.readsNeedToken()).isFalse();
  }

  @Test
  void theTokenInTheQueryCountsForTheEventStreamOnly() {
    assertThat(status(exposed.decide(HandlerType.GET, "/api/events", null, "s3cret", "ops.example"))).isNull();
    assertThat(status(exposed.decide(HandlerType.GET, "/api/events", null, "wrong", "ops.example"))).isEqualTo(401);
    assertThat(status(exposed.decide(HandlerType.GET, "/api/alerts", null, "s3cret", "ops.example"))).isEqualTo(401);
  }

  @Test
  void pagesAndProbesAreOpen() {
    for (String path : List.of("/", "/index.html", "/app.js", "/health", "/ready", "/openapi.json", "/webjars/x")) {
      assertThat(status(exposed.decide(HandlerType.GET, path, null, null, "ops.example"))).as(path).isNull();
    }
  }

  @Test
  void hostNamesLoseTheirPort() {
    assertThat(AccessGuard.hostName("LocalHost:8080")).isEqualTo("localhost");
    assertThat(AccessGuard.hostName("[::1]:8080")).isEqualTo("[::1]");
    assertThat(AccessGuard.hostName("example.org")).isEqualTo("example.org");
    assertThat(AccessGuard.bearer("Basic abc")).isNull();
  }
}
