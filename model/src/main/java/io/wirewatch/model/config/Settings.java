package io.wirewatch.model.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>The defaults files name every key there is: a key from any other layer that no defaults file
 * names is refused when the settings are built ({@code --set ingest.poll.intervall=1m} is a typo,
 * not a new setting). A defaults file opens a family of keys passed through to a client library by
 * a line {@code prefix.*=} ({@code process.streams.*=}): any key under that prefix is accepted.
 *
 * <p>Hand-written rather than a config library: the needs are a few dozen flat keys, and each
 * library considered brought its own file format and a dependency tree larger than this class.
 */
public final class Settings {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  /** A key that opens a pass-through family in a defaults file ends so. */
  private static final String FAMILY = ".*";

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();
  /** Keys named by a defaults file, and the pass-through prefixes they open. */
  private final Set<String> known = new HashSet<>();
  private final List<String> families = new ArrayList<>();

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

  /**
   * A path; {@code ~/} stands for the user's home and {@code ${java.io.tmpdir}} for the system's
   * temporary directory.
   */
  /** {@code d} in the format {@link #parseDuration} reads, in the largest unit that is exact: {@code 90s}, {@code 5m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long seconds = ms / 1000;
    if (seconds % 86_400 == 0 && seconds > 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0 && seconds > 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  public Path path(String key) {
    return toPath(string(key));
  }

  /** A path as {@link #path(String)}, or null when the key is empty. */
  public Path optionalPath(String key) {
    String v = string(key, null);
    return v == null ? null : toPath(v);
  }

  private static Path toPath(String v) {
    String p = v.replace("${java.io.tmpdir}", System.getProperty("java.io.tmpdir"));
    if (p.startsWith("~/")) {
      p = System.getProperty("user.home") + p.substring(1);
    }
    return Path.of(p);
  }

  /** A comma-separated list, each item trimmed, empty items dropped; empty when the key is empty. */
  public List<String> list(String key) {
    String v = string(key, "");
    return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
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
        load(new InputStreamReader(in, StandardCharsets.UTF_8), "defaults " + resource, true);
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
        load(r, file.toString(), false);
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

    /**
     * The settings, once every key from a file, the environment or the command line is one that a
     * defaults file names or opens.
     *
     * @throws ConfigException naming the first unknown key, where it came from, and the nearest known key
     */
    public Settings build() {
      if (!s.known.isEmpty()) {
        for (Map.Entry<String, String> e : s.origins.entrySet()) {
          String key = e.getKey();
          if (!s.known.contains(key) && s.families.stream().noneMatch(key::startsWith)) {
            String near = nearest(key, s.known);
            throw new ConfigException("unknown setting '" + key + "' (from " + e.getValue() + ")"
                + (near == null ? "" : "; did you mean '" + near + "'?")
                + " Every setting is listed in a defaults file: see the README, Configuration.");
          }
        }
      }
      return s;
    }

    private void load(Reader reader, String origin, boolean defaults) throws IOException {
      Properties p = new Properties();
      p.load(reader);
      for (String k : new TreeSet<>(p.stringPropertyNames())) {
        if (defaults && k.endsWith(FAMILY)) {
          s.families.add(k.substring(0, k.length() - 1)); // keep the dot: "process.streams."
          continue;
        }
        if (defaults) {
          s.known.add(k);
        }
        put(k, p.getProperty(k), origin);
      }
    }

    /** The known key closest to a typo, when it is close enough to be what was meant. */
    private static String nearest(String key, Set<String> known) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String k : new TreeSet<>(known)) {
        int d = distance(key, k);
        if (d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
      return bestDistance <= Math.max(2, key.length() / 5) ? best : null;
    }

    /** Levenshtein distance, two rows: keys are short. */
    private static int distance(String a, String b) {
      int[] prev = new int[b.length() + 1];
      int[] cur = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        prev[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        cur[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        }
        int[] t = prev;
        prev = cur;
        cur = t;
      }
      return prev[b.length()];
    }

    private void put(String key, String value, String origin) {
      s.values.put(key, value);
      s.origins.put(key, origin);
    }
  }
}
