package io.wirewatch.model;

import java.util.Objects;

/**
 * How often an article mentions a country, by any of its names, capitals or demonyms.
 *
 * @param code  ISO 3166-1 alpha-2 code, e.g. {@code KP}
 * @param count mentions, at least 1
 */
public record CountryMention(String code, int count) {

  public CountryMention {
    Objects.requireNonNull(code, "code");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count + " for " + code);
    }
  }
}
