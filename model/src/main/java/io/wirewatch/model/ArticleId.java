package io.wirewatch.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Article ids and content hashes. An id is derived from the canonical URL only, so every instance,
 * every restart and every re-publication of the same story under the same URL gets the same key.
 */
public final class ArticleId {

  /** 16 bytes of SHA-256: collision-free for any realistic number of articles, short enough to read. */
  private static final int ID_BYTES = 16;

  private ArticleId() {}

  /** The id of the article at {@code canonicalUrl}: 32 lowercase hex characters. */
  public static String of(String canonicalUrl) {
    if (canonicalUrl == null || canonicalUrl.isBlank()) {
      throw new IllegalArgumentException("canonicalUrl must not be blank");
    }
    byte[] digest = sha256(canonicalUrl);
    return HexFormat.of().formatHex(digest, 0, ID_BYTES);
  }

  /** Full SHA-256 of {@code content}, hex. */
  public static String contentHash(String content) {
    return HexFormat.of().formatHex(sha256(content));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE ships SHA-256", e);
    }
  }
}
