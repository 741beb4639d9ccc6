package io.wirewatch.model.config;

/** A setting is missing or malformed. The message names the key and, where it came from, the source. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
