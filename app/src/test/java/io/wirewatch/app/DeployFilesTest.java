package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.process.ProcessService;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/ at schema level (no Docker engine here): the files parse, every
 * file a service mounts exists, Prometheus scrapes the services on the ports they serve, Grafana's
 * datasource and dashboard point at each other, and every panel has PromQL. That the metrics the
 * dashboard reads exist is checked against a real /metrics in {@code MetricsIT}.
 */
class DeployFilesTest {

  private final JsonNode compose = DeployFiles.yaml("docker-compose.yml");
  private final JsonNode services = compose.path("services");

  @Test
  void prometheusAndGrafanaRunFromTheirOfficialImagesPinned() {
    assertThat(services.path("prometheus").path("image").asText()).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
    assertThat(services.path("grafana").path("image").asText()).matches("grafana/grafana:\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void everyFileAServiceMountsIsInTheRepository() {
    List<String> mounts = new ArrayList<>();
    services.forEach(s -> s.path("volumes").forEach(v -> mounts.add(v.asText())));
    List<String> binds = mounts.stream().filter(m -> m.startsWith("./")).toList();
    assertThat(binds).contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
        "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    for (String b : binds) {
      assertThat(DeployFiles.root().resolve(b.substring(2, b.indexOf(':')))).as(b).exists();
    }
    assertThat(services.path("prometheus").path("command").toString())
        .contains("--config.file=/etc/prometheus/prometheus.yml");
  }

  @Test
  void prometheusScrapesEachStageOnTheManagementPortItServes() {
    JsonNode config = DeployFiles.yaml(DeployFiles.PROMETHEUS);
    Set<String> hosts = new HashSet<>();
    for (JsonNode job : config.path("scrape_configs")) {
      assertThat(job.path("job_name").asText()).startsWith("wirewatch-");
      for (JsonNode sc : job.path("static_configs")) {
        for (JsonNode t : sc.path("targets")) {
          String host = t.asText().substring(0, t.asText().indexOf(':'));
          String port = t.asText().substring(t.asText().indexOf(':') + 1);
          hosts.add(host);
          JsonNode env = services.path(host).path("environment");
          assertThat(env.isMissingNode()).as("%s is a compose service with an environment", host).isFalse();
          assertThat(env.path("WIREWATCH_MANAGEMENT_PORT").asText()).as(host + "'s management port").isEqualTo(port);
          assertThat(env.path("WIREWATCH_MANAGEMENT_ADDRESS").asText()).as(host + " listens beyond itself")
              .isEqualTo("0.0.0.0");
          assertThat(services.path(host).path("expose").toString()).contains(port);
        }
      }
    }
    assertThat(hosts).contains("ingest", "process");
  }

  @Test
  void grafanaLoadsTheDashboardFromWhereItIsMountedAndItsPanelsUseTheProvisionedDatasource() {
    JsonNode ds = DeployFiles.yaml(DeployFiles.DATASOURCE).path("datasources").get(0);
    assertThat(ds.path("type").asText()).isEqualTo("prometheus");
    assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(services.has("prometheus")).isTrue();

    String path = DeployFiles.yaml(DeployFiles.DASHBOARD_PROVIDER).path("providers").get(0).path("options")
        .path("path").asText();
    assertThat(services.path("grafana").path("volumes").toString())
        .contains("./deploy/grafana/dashboards:" + path + ":ro");
    assertThat(Files.isRegularFile(DeployFiles.root().resolve(DeployFiles.DASHBOARD))).isTrue();

    JsonNode dashboard = DeployFiles.json(DeployFiles.DASHBOARD);
    assertThat(dashboard.path("uid").asText()).isEqualTo("wirewatch");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : DeployFiles.panels(dashboard)) {
      assertThat(ids.add(p.path("id").asInt())).as("panel id %s is unique", p.path("id")).isTrue();
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(p.path("datasource").path("uid").asText()).as(p.path("title").asText()).isEqualTo(ds.path("uid").asText());
      assertThat(p.path("targets")).as(p.path("title").asText()).isNotEmpty();
      for (JsonNode t : p.path("targets")) {
        String expr = t.path("expr").asText();
        assertThat(expr).as(p.path("title").asText()).isNotBlank();
        assertThat(balanced(expr)).as("brackets of %s", expr).isTrue();
        assertThat(DeployFiles.metricNames(expr)).as("metrics of %s", expr).isNotEmpty();
      }
    }
  }

  @Test
  void theProcessStageStartsWithTheJvmItIsSizedForFromTheLauncherAndInItsImage() throws Exception {
    String options = ProcessService.JVM_OPTIONS_LINE;
    String launcher = Files.readString(DeployFiles.root().resolve("bin/wirewatch"));
    assertThat(launcher).contains("process) DEFAULT_JAVA_OPTS=\"" + options + "\"")
        .contains("*) DEFAULT_JAVA_OPTS=\"" + String.join(" ", ChildWirewatch.JVM_OPTIONS) + "\"")
        .contains("${WIREWATCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar");
    // In the image the options are the launcher's environment, which a deployment may replace.
    String image = Files.readString(DeployFiles.root().resolve("process/Dockerfile"));
    assertThat(image.lines()).contains("ENV JDK_JAVA_OPTIONS=\"" + options + "\"");
    String entry = image.lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    assertThat(entry).doesNotContain("-Xmx").contains("\"java\", \"-jar\"");
  }

  @Test
  void theDashboardShowsThroughputLagErrorsByStageDeliveryAndSourceHealth() {
    assertThat(DeployFiles.dashboardMetrics()).contains(
        "wirewatch_ingest_items_total", "wirewatch_process_articles_total",
        "kafka_consumer_fetch_manager_records_lag_max",
        "wirewatch_dead_letters_total",
        "wirewatch_notify_deliveries_total",
        "wirewatch_ingest_sources");
  }

  @Test
  void metricNamesAreReadFromPromQlWithoutFunctionsLabelsOrDurations() {
    assertThat(DeployFiles.metricNames(
        "histogram_quantile(0.99, sum by (le, stage) (rate(wirewatch_process_stage_seconds_bucket{stage!=\"x y\"}[$__rate_interval])))"))
        .containsExactly("wirewatch_process_stage_seconds_bucket");
    assertThat(DeployFiles.metricNames("sum(a_total) / on(job) group_left b + 1e3 * c offset 5m"))
        .containsExactly("a_total", "b", "c");
    assertThat(DeployFiles.metricNames("up{job=~\"wirewatch.*\"}")).containsExactly("up");
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
