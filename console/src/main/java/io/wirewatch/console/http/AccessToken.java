package io.wirewatch.console.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's bearer token: 256 random bits, kept in a file only its owner may read, created on
 * first start and reused afterwards, so that a bookmarked dashboard URL keeps working.
 */
public final class AccessToken {

  private static final Logger LOG = LoggerFactory.getLogger(AccessToken.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;
  private final byte[] bytes;

  private AccessToken(String value) {
    this.value = Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an access token must not be blank");
    }
    this.bytes = value.getBytes(StandardCharsets.UTF_8);
  }

  public static AccessToken of(String value) {
    return new AccessToken(value);
  }

  /** A new random token (not stored). */
  public static AccessToken random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
  }

  /**
   * The token in {@code file}; when there is none, a new one written there with mode 600. A file
   * that others can read is narrowed to mode 600, with a warning.
   *
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static AccessToken loadOrCreate(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      if (!Files.exists(file)) {
        AccessToken t = random();
        try {
          if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
          } else {
            Files.createFile(file);
          }
          Files.writeString(file, t.value + "\n", StandardCharsets.UTF_8);
          LOG.info("created the console's access token in {}", file);
          return t;
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: read theirs below
        }
      }
      if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        LOG.warn("{} could be read by others; narrowed to mode 600", file);
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      String v = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (v.isEmpty()) {
        throw new IOException("token file " + file + " is empty; delete it to have a new token made");
      }
      return new AccessToken(v);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the console token " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean posix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  public String value() {
    return value;
  }

  /** Compares in constant time, so that response timing says nothing about how much of a guess was right. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(bytes, presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AccessToken[****]";
  }
}
