package io.wirewatch.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.InvalidInputException;
import io.wirewatch.notify.event.EventType;
import io.wirewatch.notify.event.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelsFileTest {

  private static final Map<String, String> ENV = Map.of(
      "SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T000/B000/XXXXSECRETPATH",
      "WIREWATCH_WEBHOOK_SECRET", "s3cr3t-value");

  private static List<Channel> parse(String yaml) {
    return ChannelsFile.parse(yaml, "channels.yaml", ChannelsFile.env(ENV));
  }

  @Test
  void readsTheDocumentedExampleWithValuesFromTheEnvironment() {
    List<Channel> c = parse("""
        channels:
          - id: ops-slack
            type: slack
            url: ${SLACK_WEBHOOK_URL}
            min-severity: warning
          - id: siem
            type: webhook
            url: https://siem.example/wirewatch
            secret: ${WIREWATCH_WEBHOOK_SECRET}
            rules: [liaison-office]
            categories: [sanctions, diplomacy]
            countries: [kp]
            events: [alert.raised, story.burst]
        """);
    assertThat(c).hasSize(2);
    assertThat(c.get(0).type()).isEqualTo(ChannelType.SLACK);
    assertThat(c.get(0).url().toString()).isEqualTo(ENV.get("SLACK_WEBHOOK_URL"));
    assertThat(c.get(0).filter().minSeverity()).isEqualTo(Severity.WARNING);
    assertThat(c.get(1).secret()).isEqualTo("s3cr3t-value");
    assertThat(c.get(1).filter().rules()).containsExactly("liaison-office");
    assertThat(c.get(1).filter().countries()).containsExactly("KP");
    assertThat(c.get(1).filter().events()).containsExactlyInAnyOrder(EventType.ALERT_RAISED, EventType.STORY_BURST);
  }

  @Test
  void credentialsAreInNoStringAndAreRedactedFromText() {
    Channel slack = parse("channels: [{id: ops, type: slack, url: '${SLACK_WEBHOOK_URL}'}]").get(0);
    Channel hook = parse("channels: [{id: siem, type: webhook, url: 'https://x.example/h?token=abc', "
        + "secret: '${WIREWATCH_WEBHOOK_SECRET}'}]").get(0);
    assertThat(slack.toString() + hook.toString()).doesNotContain("XXXXSECRETPATH").doesNotContain("s3cr3t")
        .doesNotContain("token");
    assertThat(slack.redact("POST " + ENV.get("SLACK_WEBHOOK_URL") + " failed; path /services/T000/B000/XXXXSECRETPATH"))
        .doesNotContain("XXXXSECRETPATH").contains("***");
    assertThat(hook.redact("bad s3cr3t-value and token=abc")).doesNotContain("s3cr3t-value").doesNotContain("abc");
  }

  @Test
  void aMissingVariableIsNamedButNothingOfItsValue() {
    assertThatThrownBy(() -> parse("channels: [{id: ops, type: slack, url: '${NOT_SET_HERE}'}]"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("channels file channels.yaml: channels[0] (ops): key 'url': environment variable NOT_SET_HERE is not set");
  }

  @Test
  void aVariableMayHaveADefault() {
    Channel c = parse("channels: [{id: a, type: webhook, url: 'http://127.0.0.1:${PORT:-8787}/in', "
        + "secret: '${WIREWATCH_WEBHOOK_SECRET:-ignored}'}]").get(0);
    assertThat(c.url().toString()).isEqualTo("http://127.0.0.1:8787/in");
    assertThat(c.secret()).isEqualTo("s3cr3t-value");
  }

  @Test
  void everyMistakeNamesTheFileTheChannelAndTheKeyInOneLine() {
    assertError("channels: [{id: a, type: slack, url: 'https://h.example/x', min-severty: warning}]",
        "channels[0] (a): unknown key 'min-severty'");
    assertError("channels: [{id: a, type: teams, url: 'https://h.example/x'}]", "(a): key 'type': 'teams' is not a channel type");
    assertError("channels: [{id: a, type: webhook}]", "(a): key 'url': missing");
    assertError("channels: [{type: webhook, url: 'https://h.example/x'}]", "channels[0]: key 'id': missing");
    assertError("channels: [{id: a, type: webhook, url: 'ftp://h.example/x'}]", "key 'url': expected an http");
    assertError("channels: [{id: a, type: webhook, url: 'https://h.example/x', min-severity: loud}]",
        "key 'min-severity': 'loud' is not a severity");
    assertError("channels: [{id: a, type: webhook, url: 'https://h.example/x', events: [alert.deleted]}]",
        "key 'events': unknown event 'alert.deleted'");
    assertError("channels: [{id: a, type: webhook, url: 'https://h.example/x', countries: [Korea]}]",
        "key 'countries': 'Korea' is not an ISO 3166-1");
    assertError("channels: [{id: a, type: slack, url: 'https://h.example/x', secret: x}]", "(a): key 'secret'");
    assertError("channels:\n  - {id: a, type: webhook, url: 'https://h.example/x'}\n  - {id: a, type: slack, url: 'https://h.example/y'}",
        "channels[1]: id 'a' is used twice");
    assertError("channels: []", "'channels' must be a non-empty list");
    assertError("chanels: []", "expected a top-level key 'channels'");
    assertError("channels: [{id: a, type: webhook, url: 'https://h.example/x'}]\nextra: 1", "unknown top-level key 'extra'");
    assertError("channels: [ {id: a", "not valid YAML");
  }

  @Test
  void aBadUrlIsNotEchoedSinceItMayBeACredential() {
    assertThatThrownBy(() -> parse("channels: [{id: a, type: slack, url: 'https://h.example/se cret'}]"))
        .hasMessageContaining("key 'url'").hasMessageNotContaining("se cret");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ChannelsFile.read(dir.resolve("nope.yaml")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "channels: [{id: a, type: webhook, url: 'https://h.example/x'}]");
    assertThat(ChannelsFile.read(f)).hasSize(1);
  }

  private static void assertError(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).as(yaml).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("channels file channels.yaml: ").hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
