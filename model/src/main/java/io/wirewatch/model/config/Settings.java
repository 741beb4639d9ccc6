package io.wirewatch.model.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layered key/value settings from which each module builds its typed config.
 *
 * <p>Later layers win: the module's commented defaults file on the classpath, then an optional user
 * file, then environment variables ({@code ingest.poll.interval} is read from
 * {@code WIREWATCH_INGEST_POLL_INTERVAL}), then command-line overrides. Every typed getter
 * validates and names the key and the layer that supplied the bad value, so a typo fails at start
 * and not an hour later.
 *
 * <p>Hand-written rather than a config library: the needs are a few dozen flat keys, and each
 * library considered brought its own file format and a dependency tree larger than this class.
 */
public final class Settings {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();

  private Settings() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Values from defaults files only: what a test gets unless it overrides something. */
  public static Settings defaults(String... resources) {
    Builder b = builder();
    for (String r : resources) {
      b.defaultsResource(r);
    }
    return b.build();
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new ConfigException(key + " is not set (add it to a config file or set "
          + envName(key) + ")");
    }
    return v.trim();
  }

  public String string(String key, String fallback) {
    String v = values.get(key);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  public int intValue(String key, int min, int max) {
    String v = string(key);
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw bad(key, v, "a whole number from " + min + " to " + max);
      }
      return i;
    } catch (NumberFormatException e) {
      throw bad(key, v, "a whole number from " + min + " to " + max);
    }
  }

  public long longValue(String key, long min, long max) {
    String v = string(key);
    try {
      long l = Long.parseLong(v.replace("_", ""));
      if (l < min || l > max) {
        throw bad(key, v, "a whole number from " + min + " to " + max);
      }
      return l;
    } catch (NumberFormatException e) {
      throw bad(key, v, "a whole number from " + min + " to " + max);
    }
  }

  public boolean bool(String key) {
    String v = string(key).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw bad(key, v, "true or false");
    };
  }

  /** A duration written as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 7d}. */
  public Duration duration(String key) {
    String v = string(key);
    try {
      return parseDuration(v);
    } catch (IllegalArgumentException e) {
      throw bad(key, v, "a duration such as 500ms, 30s, 5m, 2h or 7d");
    }
  }

  /** Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 7d}, the one format of every file. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration such as 500ms, 30s, 5m, 2h or 7d, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  public Path path(String key) {
    String v = string(key);
    if (v.startsWith("~/")) {
      v = System.getProperty("user.home") + v.substring(1);
    }
    return Path.of(v);
  }

  /** All keys under {@code prefix.}, with the prefix removed: passes client settings through to Kafka. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    String p = prefix.endsWith(".") ? prefix : prefix + ".";
    values.forEach((k, v) -> {
      if (k.startsWith(p) && v != null && !v.isBlank()) {
        out.put(k.substring(p.length()), v.trim());
      }
    });
    return out;
  }

  /** Where the value of {@code key} came from, for logs and error messages. */
  public String origin(String key) {
    return origins.getOrDefault(key, "nowhere");
  }

  private ConfigException bad(String key, String value, String expected) {
    return new ConfigException(key + " = '" + value + "' (from " + origin(key) + "): expected "
        + expected);
  }

  static String envName(String key) {
    return "WIREWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Builds the layers in the documented order; call the methods in that order. */
  public static final class Builder {
    private final Settings s = new Settings();

    public Builder defaultsResource(String resource) {
      try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new ConfigException("defaults file " + resource + " is not on the classpath");
        }
        load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), "defaults " + resource);
      } catch (IOException e) {
        throw new ConfigException("cannot read defaults " + resource + ": " + e.getMessage());
      }
      return this;
    }

    public Builder file(Path file) {
      if (file == null) {
        return this;
      }
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        load(r, file.toString());
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
      }
      return this;
    }

    /** Environment variables named after keys already known from earlier layers. */
    public Builder environment(Map<String, String> env) {
      for (String key : s.values.keySet().toArray(String[]::new)) {
        String v = env.get(envName(key));
        if (v != null) {
          put(key, v, "environment " + envName(key));
        }
      }
      return this;
    }

    public Builder override(String key, String value) {
      if (value != null) {
        put(key, value, "command line");
      }
      return this;
    }

    public Builder overrides(Map<String, String> kv) {
      kv.forEach(this::override);
      return this;
    }

    public Settings build() {
      return s;
    }

    private void load(Reader reader, String origin) throws IOException {
      Properties p = new Properties();
      p.load(reader);
      for (String k : p.stringPropertyNames()) {
        put(k, p.getProperty(k), origin);
      }
    }

    private void put(String key, String value, String origin) {
      s.values.put(key, value);
      s.origins.put(key, origin);
    }
  }
}
