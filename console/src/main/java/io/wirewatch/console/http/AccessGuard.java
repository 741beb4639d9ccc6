package io.wirewatch.console.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may call the API. A change (any method but GET, HEAD, OPTIONS) always needs
 * {@code Authorization: Bearer <token>}. A read needs it too when the console is bound to an
 * address other machines reach; on a loopback address a read without a token is allowed only when
 * the browser asked for a loopback host name, so that a page elsewhere cannot read the API by
 * pointing a name of its own at 127.0.0.1 (DNS rebinding). A wrong token is always refused. Pages,
 * the OpenAPI document, /health and /ready are open: they hold no data.
 *
 * <p>EventSource, the browser's SSE client, cannot send headers: {@code GET /api/events} also takes
 * the token as {@code ?access_token=} (RFC 6750, section 2.3), and only that route does.
 */
public final class AccessGuard {

  static final String EVENTS_PATH = "/api/events";
  private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final AccessToken token;
  private final boolean loopbackBind;
  private final Set<String> allowedHosts;

  public AccessGuard(AccessToken token, String bindAddress, List<String> allowedHosts) {
    this.token = token;
    this.loopbackBind = isLoopback(bindAddress);
    this.allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
  }

  static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether reads need the token. */
  public boolean readsNeedToken() {
    return !loopbackBind;
  }

  /** Throws an {@link ApiError} (401 or 403) when the request may not go on. */
  void check(Context ctx) {
    ApiError refused = decide(ctx.method(), ctx.path(), ctx.header("Authorization"), ctx.queryParam("access_token"),
        ctx.header("Host"));
    if (refused != null) {
      if (refused.status() == 401) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"wirewatch\"");
      }
      throw refused;
    }
  }

  /**
   * The decision, apart from the HTTP plumbing: null when the request may go on, else the refusal.
   *
   * @param accessTokenParam the {@code access_token} query parameter, honoured on {@code /api/events} only
   */
  ApiError decide(HandlerType method, String path, String authorization, String accessTokenParam, String host) {
    if (!path.startsWith("/api/")) {
      return null;
    }
    String presented = bearer(authorization);
    if (presented == null && path.equals(EVENTS_PATH)) {
      presented = accessTokenParam;
    }
    if (presented != null) {
      return token.matches(presented) ? null : unauthorized("the token is not this console's");
    }
    if (!READS.contains(method)) {
      return unauthorized("changes need the console's token: Authorization: Bearer <token>");
    }
    if (!loopbackBind) {
      return unauthorized("this console is bound to a non-loopback address: reads need its token too");
    }
    String name = hostName(host);
    if (name == null || !(LOOPBACK_NAMES.contains(name) || name.startsWith("127.") || allowedHosts.contains(name))) {
      return new ApiError(403, "forbidden host", "requests without a token must name a loopback host (Host: "
          + host + "); send the token, or list the name in console.allowed-hosts");
    }
    return null;
  }

  private static ApiError unauthorized(String why) {
    return new ApiError(401, "unauthorized", why);
  }

  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String a = authorization.trim();
    return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : null;
  }

  /** The host part of a Host header, lowercased, without its port. */
  static String hostName(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}
