package io.wirewatch.notify.channel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One place alerts go. Its URL and secret may be credentials (a Slack webhook URL is one): they
 * are never part of {@link #toString()}, and {@link #redact} removes them from any text before it
 * is logged or written to a dead letter.
 *
 * @param id     the channel's name in the channels file, used in logs, dead letters and metrics
 * @param type   how it wants its messages
 * @param url    where messages are POSTed
 * @param secret HMAC key of the {@code X-Wirewatch-Signature} header, or null for unsigned
 * @param filter which events it wants
 */
public record Channel(String id, ChannelType type, URI url, String secret, ChannelFilter filter) {

  public Channel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(filter, "filter");
    if (secret != null && secret.isEmpty()) {
      secret = null;
    }
  }

  public byte[] secretBytes() {
    return secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} with the channel's URL, its path and query, and its secret replaced by {@code ***}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text.replace(url.toString(), "***");
    String path = url.getRawPath();
    if (path != null && path.length() > 1) {
      out = out.replace(path, "/***");
    }
    if (url.getRawQuery() != null) {
      out = out.replace(url.getRawQuery(), "***");
    }
    if (secret != null) {
      out = out.replace(secret, "***");
    }
    return out;
  }

  @Override
  public String toString() {
    return "channel " + id + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
