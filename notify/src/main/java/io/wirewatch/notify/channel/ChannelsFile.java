package io.wirewatch.notify.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.notify.event.EventType;
import io.wirewatch.notify.event.Severity;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a channels file:
 *
 * <pre>
 * channels:
 *   - id: ops-slack
 *     type: slack                 # slack | webhook
 *     url: ${SLACK_WEBHOOK_URL}   # from the environment
 *     min-severity: warning       # info | warning | critical
 *   - id: siem
 *     type: webhook
 *     url: https://siem.example/wirewatch
 *     secret: ${WIREWATCH_WEBHOOK_SECRET}
 *     rules: [liaison-office]     # also categories, countries, events
 * </pre>
 *
 * <p>{@code ${NAME}} in a value is replaced by the environment variable NAME, {@code ${NAME:-default}}
 * by {@code default} when NAME is not set; a missing variable without a default is an error naming
 * it (never a value). The whole file is checked before anything is delivered: an
 * unknown key, a missing or malformed value, a duplicate id stops the command with one line naming
 * the file, the channel and the key.
 */
public final class ChannelsFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> KEYS = Set.of("id", "type", "url", "secret", "min-severity", "rules",
      "categories", "countries", "events");

  private ChannelsFile() {}

  /** The channels of {@code file}, with variables from the process environment. */
  public static List<Channel> read(Path file) {
    return read(file, System::getenv);
  }

  /** The channels of {@code file}, with variables from {@code env}. */
  public static List<Channel> read(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("channels file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read channels file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), env);
  }

  /** The channels of {@code text}; {@code name} is what errors call it. */
  public static List<Channel> parse(String text, String name, Function<String, String> env) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      // The parser's own message quotes the file's text, which may hold a credential: say where and what kind.
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      String problem = e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null
          ? ": " + m.getProblem() : "";
      throw new InvalidInputException("channels file " + name + ": not valid YAML" + where + problem);
    }
    if (root == null || !root.isObject() || !root.has("channels")) {
      throw new InvalidInputException("channels file " + name + ": expected a top-level key 'channels' with a list");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("channels")) {
        throw new InvalidInputException("channels file " + name + ": unknown top-level key '" + k + "'");
      }
    }
    JsonNode list = root.get("channels");
    if (!list.isArray() || list.isEmpty()) {
      throw new InvalidInputException("channels file " + name + ": 'channels' must be a non-empty list");
    }
    List<Channel> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Channel c = new Entry(name, i, list.get(i), env).channel();
      if (!ids.add(c.id())) {
        throw new InvalidInputException("channels file " + name + ": channels[" + i + "]: id '" + c.id()
            + "' is used twice");
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  /** One entry of the list, with what errors about it say. */
  private static final class Entry {
    private final String file;
    private final int index;
    private final JsonNode node;
    private final Function<String, String> env;
    private String id;

    Entry(String file, int index, JsonNode node, Function<String, String> env) {
      this.file = file;
      this.index = index;
      this.node = node;
      this.env = env;
    }

    Channel channel() {
      if (!node.isObject()) {
        throw error(null, "expected a map of keys (id, type, url, ...)");
      }
      JsonNode named = node.get("id");
      if (named != null && named.isValueNode()) {
        id = named.asText(); // for the errors below; checked next
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!KEYS.contains(k)) {
          throw error(null, "unknown key '" + k + "'; known: " + String.join(", ", KEYS.stream().sorted().toList()));
        }
      }
      id = null;
      id = required("id");
      if (!ID.matcher(id).matches()) {
        throw error("id", "'" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
      }
      ChannelType type = switch (required("type").toLowerCase(Locale.ROOT)) {
        case "slack" -> ChannelType.SLACK;
        case "webhook" -> ChannelType.WEBHOOK;
        default -> throw error("type", "'" + node.get("type").asText() + "' is not a channel type; known: slack, webhook");
      };
      URI url = url(required("url"));
      String secret = optional("secret");
      if (secret != null && type == ChannelType.SLACK) {
        throw error("secret", "a slack channel is not signed (its URL is the secret); use a webhook channel to sign");
      }
      String min = optional("min-severity");
      Severity minSeverity = null;
      if (min != null) {
        minSeverity = Severity.of(min);
        if (minSeverity == null) {
          throw error("min-severity", "'" + min + "' is not a severity; known: info, warning, critical");
        }
      }
      Set<EventType> events = EnumSet.noneOf(EventType.class);
      for (String e : list("events")) {
        try {
          events.add(EventType.of(e));
        } catch (IllegalArgumentException ex) {
          throw error("events", ex.getMessage());
        }
      }
      Set<String> countries = new LinkedHashSet<>();
      for (String c : list("countries")) {
        if (!c.matches("[A-Za-z]{2}")) {
          throw error("countries", "'" + c + "' is not an ISO 3166-1 alpha-2 code");
        }
        countries.add(c.toUpperCase(Locale.ROOT));
      }
      return new Channel(id, type, url, secret,
          new ChannelFilter(events, minSeverity, new LinkedHashSet<>(list("rules")),
              new LinkedHashSet<>(list("categories")), countries));
    }

    private URI url(String value) {
      URI u;
      try {
        u = new URI(value);
      } catch (URISyntaxException e) {
        // the value may be a credential: say where, not what
        throw error("url", "not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        throw error("url", "expected an http:// or https:// URL with a host");
      }
      return u;
    }

    private String required(String key) {
      String v = optional(key);
      if (v == null) {
        throw error(key, "missing");
      }
      return v;
    }

    private String optional(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isValueNode()) {
        throw error(key, "expected a single value");
      }
      String s = substitute(key, v.asText().trim());
      return s.isEmpty() ? null : s;
    }

    private List<String> list(String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (v.isValueNode()) {
        out.add(substitute(key, v.asText().trim()));
      } else if (v.isArray()) {
        for (JsonNode item : v) {
          if (!item.isValueNode()) {
            throw error(key, "expected a list of values");
          }
          out.add(substitute(key, item.asText().trim()));
        }
      } else {
        throw error(key, "expected a list of values");
      }
      return out.stream().filter(s -> !s.isEmpty()).toList();
    }

    private String substitute(String key, String value) {
      Matcher m = VARIABLE.matcher(value);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String v = env.apply(m.group(1));
        if (v == null) {
          v = m.group(2);
        }
        if (v == null) {
          throw error(key, "environment variable " + m.group(1) + " is not set");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(v));
      }
      m.appendTail(out);
      return out.toString();
    }

    private InvalidInputException error(String key, String message) {
      String who = "channels[" + index + "]" + (id != null ? " (" + id + ")" : "");
      return new InvalidInputException("channels file " + file + ": " + who + (key != null ? ": key '" + key + "'" : "")
          + ": " + message);
    }
  }

  /** For tests and tools: the environment as a map lookup. */
  public static Function<String, String> env(Map<String, String> values) {
    return values::get;
  }
}
