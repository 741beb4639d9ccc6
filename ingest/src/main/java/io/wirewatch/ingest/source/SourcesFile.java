package io.wirewatch.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wirewatch.model.InvalidInputException;
import io.wirewatch.model.config.ConfigException;
import io.wirewatch.model.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a sources file:
 *
 * <pre>
 * sources:
 *   - id: sample-wire
 *     url: feed.xml          # relative URLs are resolved against the file's own location
 *     type: rss              # rss | atom | feed | html
 *     interval: 5m           # optional
 * </pre>
 *
 * Every entry is checked; the error lists all bad entries at once rather than the first one.
 */
public final class SourcesFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SourcesFile() {}

  public static List<Source> read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("cannot read sources file " + file + ": " + e.getMessage());
    }
    JsonNode list = root == null ? null : root.get("sources");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ConfigException("sources file " + file + " has no 'sources:' list");
    }
    URI base = file.toAbsolutePath().toUri();
    List<Source> sources = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int index = 0;
    for (JsonNode n : list) {
      index++;
      try {
        String id = text(n, "id");
        String url = text(n, "url");
        if (id == null || url == null) {
          throw new InvalidInputException("needs both 'id' and 'url'");
        }
        if (!ids.add(id)) {
          throw new InvalidInputException("id '" + id + "' is used twice");
        }
        sources.add(new Source(id, base.resolve(url.trim()), Source.Type.parse(text(n, "type")),
            duration(text(n, "interval"))));
      } catch (IllegalArgumentException e) {
        errors.add("entry " + index + ": " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException("sources file " + file + ": " + String.join("; ", errors));
    }
    return List.copyOf(sources);
  }

  /** A file that exists: the usual mistake is a relative path from the wrong directory. */
  public static Path existing(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("sources file " + file.toAbsolutePath() + " does not exist");
    }
    return file;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Duration duration(String s) {
    return s == null ? null : Settings.parseDuration(s);
  }
}
