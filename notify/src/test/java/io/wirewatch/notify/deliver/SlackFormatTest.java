package io.wirewatch.notify.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Json;
import io.wirewatch.notify.Fixtures;
import io.wirewatch.notify.channel.ChannelType;
import io.wirewatch.notify.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackFormatTest {

  private static JsonNode render(Event e) throws Exception {
    return Json.MAPPER.readTree(MessageFormat.of(ChannelType.SLACK).body(e));
  }

  @Test
  void anAlertReadsAtAGlance() throws Exception {
    Alert a = Fixtures.alert("liaison-office", "a1", "critical");
    JsonNode m = render(Event.of(a));
    assertThat(m.get("text").asText())
        .isEqualTo("[CRITICAL] liaison-office: <https://news.example/a1|Headline of a1>");
    JsonNode att = m.get("attachments").get(0);
    assertThat(att.get("title_link").asText()).isEqualTo("https://news.example/a1");
    assertThat(att.get("text").asText()).isEqualTo("North Korea withdrew from the *liaison office* on Friday");
    assertThat(att.get("fields").findValuesAsText("title")).contains("Severity", "Rule", "Sources");
    assertThat(att.get("fields").findValuesAsText("value")).contains("critical", "1 (wire)");
  }

  @Test
  void aStoryBurstGivesTheStorySize() throws Exception {
    JsonNode m = render(Event.burstOf(Fixtures.story("s1", Fixtures.RAISED)));
    assertThat(m.get("text").asText()).startsWith("[BURST] <https://news.example/a1|Liaison office emptied>")
        .endsWith("12 articles from 5 sources");
    assertThat(m.get("attachments").get(0).get("fields").findValuesAsText("value")).contains("12 articles");
  }

  @Test
  void slackMarkupInTheNewsIsEscaped() throws Exception {
    Alert a = Fixtures.alert("r", "a1", "info");
    Alert hostile = new Alert(a.ruleId(), 1, "info", "a1", "https://news.example/a?x=1&y=<2>", "A <b>|bold</b> & title",
        "wire", null, List.of(), "<!channel> ping", List.of(), List.of(), null, 1, null, a.raisedAt(), null, null);
    JsonNode m = render(Event.of(hostile));
    assertThat(m.get("text").asText()).contains("|A &lt;b&gt;¦bold&lt;/b&gt; &amp; title>")
        .contains("<https://news.example/a?x=1&y=%3C2%3E|");
    assertThat(m.get("attachments").get(0).get("text").asText()).isEqualTo("&lt;!channel&gt; ping");
  }
}
