package io.wirewatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment files of the repository (docker-compose.yml and deploy/), read as data, and the
 * metric names the Grafana dashboard's PromQL reads.
 */
final class DeployFiles {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String DASHBOARD = "deploy/grafana/dashboards/wirewatch.json";
  static final String PROMETHEUS = "deploy/prometheus/prometheus.yml";
  static final String DATASOURCE = "deploy/grafana/provisioning/datasources/prometheus.yml";
  static final String DASHBOARD_PROVIDER = "deploy/grafana/provisioning/dashboards/wirewatch.yml";

  private DeployFiles() {}

  /** The repository's root: the nearest folder up from here holding docker-compose.yml. */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("deploy"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }

  static JsonNode yaml(String path) {
    try {
      return YAML.readTree(root().resolve(path).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " as YAML", e);
    }
  }

  static JsonNode json(String path) {
    try {
      return JSON.readTree(root().resolve(path).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " as JSON", e);
    }
  }

  /** Every panel of the dashboard, those inside collapsed rows included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      out.add(p);
      p.path("panels").forEach(out::add);
    }
    return out;
  }

  /** The PromQL of every panel's targets. */
  static List<String> expressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : panels(dashboard)) {
      p.path("targets").forEach(t -> out.add(t.path("expr").asText()));
    }
    return out;
  }

  /** The metric names the dashboard's PromQL reads. */
  static Set<String> dashboardMetrics() {
    Set<String> names = new TreeSet<>();
    expressions(json(DASHBOARD)).forEach(e -> names.addAll(metricNames(e)));
    return names;
  }

  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /**
   * The metric names in one PromQL expression: identifiers that are not functions (followed by a
   * parenthesis), keywords, label names (in braces or grouping clauses), durations or Grafana
   * variables. A small scanner, enough for the dashboard's own expressions; a full PromQL parser
   * exists only in Go.
   */
  static Set<String> metricNames(String expr) {
    String s = expr
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")   // string literals
        .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
        .replaceAll("\\{[^}]*}", " ")                         // label matchers
        .replaceAll("\\[[^]]*]", " ")                         // ranges and subqueries
        .replaceAll("\\$\\{?\\w+}?", " ")                     // Grafana variables
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String id = m.group();
      boolean call = s.substring(m.end()).matches("(?s)\\s*\\(.*");
      boolean inNumber = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
      if (!call && !inNumber && !KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
        names.add(id);
      }
    }
    return names;
  }

  /** The sample names a Prometheus text exposition serves ({@code x_total}, {@code x_bucket}, ...). */
  static Set<String> servedNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = IDENTIFIER.matcher(line);
      if (m.lookingAt()) {
        names.add(m.group());
      }
    }
    return names;
  }
}
