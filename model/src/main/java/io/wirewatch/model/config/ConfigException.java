package io.wirewatch.model.config;

import io.wirewatch.model.InvalidInputException;

/** A setting is missing or malformed. The message names the key and, where it came from, the source. */
public final class ConfigException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
