package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `wirewatch cluster`: one {"id","story"} line per item in file order; bad input is exit code 2 with file and line. */
class ClusterCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Wirewatch.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static String line(String id, String title, String text, String published) {
    return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"text\":\"" + text + "\",\"published\":"
        + (published == null ? "null" : "\"" + published + "\"") + ",\"source\":\"s\",\"language\":\"en\",\"story\":\"ignored\"}";
  }

  private Path stream() throws Exception {
    return Files.write(dir.resolve("items.jsonl"), List.of(
        line("q1", "Magnitude 6.1 earthquake strikes southern Iran",
            "A magnitude 6.1 earthquake struck near Bushehr in southern Iran on Tuesday, killing 37 people near Kaki.", "2024-05-06T08:00:00Z"),
        line("m1", "Record field for the city marathon",
            "More than 40,000 runners took part in the city marathon on Sunday, a record for the race along the river.", null),
        "",
        line("q2", "Iran quake near Bushehr kills 37",
            "At least 37 people were killed when a 6.1 magnitude earthquake hit Kaki in Bushehr province, Iran said.", "2024-05-06T10:00:00Z")));
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : out.toString().split("\n")) {
      nodes.add(Json.MAPPER.readTree(l));
    }
    return nodes;
  }

  @Test
  void writesOneLinePerItemInFileOrder() throws Exception {
    assertThat(run("cluster", stream().toString())).isZero();

    List<JsonNode> nodes = lines();
    assertThat(nodes).extracting(n -> n.get("id").asText()).containsExactly("q1", "m1", "q2");
    assertThat(nodes.get(2).get("story").asText()).isEqualTo(nodes.get(0).get("story").asText()).isEqualTo("q1");
    assertThat(nodes.get(1).get("story").asText()).isEqualTo("m1");
    assertThat(nodes.get(0).size()).isEqualTo(2);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void explainSaysWhyOnStderrAndLeavesStdoutJson() throws Exception {
    assertThat(run("cluster", "--explain", "q2", "--explain", "q1", stream().toString())).isZero();

    assertThat(lines()).hasSize(3);
    assertThat(err.toString())
        .contains("q1 started story q1: no active story shares its heaviest terms")
        .contains("q2 joined story q1")
        .contains("text=");
  }

  @Test
  void badJsonLineNamesFileAndLine() throws Exception {
    Path bad = Files.write(dir.resolve("bad.jsonl"), List.of(line("a", "t", "x", null), "{\"id\": \"b\", \"title\": "));

    assertThat(run("cluster", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("wirewatch: " + bad + " line 2: not JSON");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void missingFileUnknownExplainIdAndBadDateAreBadInput() throws Exception {
    assertThat(run("cluster", dir.resolve("absent.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("absent.jsonl: no such file");

    err.getBuffer().setLength(0);
    assertThat(run("cluster", "--explain", "nope", stream().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--explain: no item with id nope");

    err.getBuffer().setLength(0);
    Path dated = Files.write(dir.resolve("dated.jsonl"), List.of(line("a", "t", "x", "yesterday")));
    assertThat(run("cluster", dated.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("dated.jsonl line 1: \"published\" is not an ISO-8601 instant");
  }
}
