package io.wirewatch.notify.deliver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Wirewatch-Signature} of a webhook POST: {@code sha256=} and the hex HMAC-SHA256,
 * keyed by the channel's secret, of {@code timestamp + "." + body}, where timestamp is the
 * {@code X-Wirewatch-Timestamp} header (Unix seconds). The scheme of Stripe's and Slack's signed
 * requests: the timestamp inside the signed text lets a receiver refuse replays of old requests.
 */
public final class Signature {

  public static final String PREFIX = "sha256=";

  private Signature() {}

  public static String sign(byte[] secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      mac.update(body);
      return PREFIX + HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  /**
   * What a receiver does: true when {@code header} is the signature of {@code body} at
   * {@code timestamp}, compared in constant time. (Refusing old timestamps is the receiver's
   * other half: see the README.)
   */
  public static boolean verify(byte[] secret, long timestamp, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
        header.trim().getBytes(StandardCharsets.US_ASCII));
  }
}
