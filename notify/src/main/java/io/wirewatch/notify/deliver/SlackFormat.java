package io.wirewatch.notify.deliver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.model.Alert;
import io.wirewatch.model.Json;
import io.wirewatch.model.Story;
import io.wirewatch.notify.event.Event;
import io.wirewatch.notify.event.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * A Slack incoming-webhook message a person reads at a glance: the severity and rule, the
 * headline linked to the article, the snippet with the matched words in bold, how many sources
 * carried it and, for a story, its size. Written with {@code text} (the notification line) and one
 * legacy {@code attachment} (colour bar, title link, fields): the shape Slack, Mattermost and
 * Rocket.Chat incoming webhooks all accept, which Slack's newer blocks are not.
 */
final class SlackFormat implements MessageFormat {

  @Override
  public byte[] body(Event e) {
    ObjectNode msg = e.alert() != null ? alert(e, e.alert()) : story(e.story());
    try {
      return Json.MAPPER.writeValueAsBytes(msg);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static ObjectNode alert(Event e, Alert a) {
    Severity severity = e.severity();
    String level = severity == null ? a.severity() : severity.wireName();
    String headline = a.title() == null || a.title().isBlank() ? a.url() : a.title();
    ObjectNode msg = Json.MAPPER.createObjectNode();
    msg.put("text", "[" + String.valueOf(level).toUpperCase(Locale.ROOT) + "] " + escape(a.ruleId())
        + (a.isUpdate() ? " (update, seen " + a.count() + "x)" : "") + ": " + link(a.url(), headline));
    ObjectNode att = msg.putArray("attachments").addObject();
    att.put("color", colour(severity));
    att.put("fallback", headline);
    att.put("title", headline);
    if (a.url() != null) {
      att.put("title_link", a.url());
    }
    if (a.snippet() != null && !a.snippet().isBlank()) {
      att.put("text", bold(escape(a.snippet())));
    }
    ArrayNode fields = att.putArray("fields");
    field(fields, "Severity", level);
    field(fields, "Rule", a.ruleId());
    field(fields, "Sources", a.sources().size() + " (" + String.join(", ", a.sources()) + ")");
    if (a.count() > 1) {
      field(fields, "Seen", a.count() + " times");
    }
    if (!a.countries().isEmpty()) {
      field(fields, "Countries", String.join(", ", a.countries()));
    }
    if (!a.categories().isEmpty()) {
      field(fields, "Categories", String.join(", ", a.categories()));
    }
    if (a.storyId() != null) {
      field(fields, "Story", a.storyId());
    }
    att.put("footer", "Wirewatch " + e.type().wireName());
    if (a.updatedAt() != null) {
      att.put("ts", a.updatedAt().getEpochSecond());
    }
    return msg;
  }

  private static ObjectNode story(Story s) {
    String headline = s.headline() == null || s.headline().isBlank() ? s.id() : s.headline();
    String firstUrl = s.latest().isEmpty() ? null : s.latest().get(0).url();
    ObjectNode msg = Json.MAPPER.createObjectNode();
    msg.put("text", "[BURST] " + (firstUrl == null ? escape(headline) : link(firstUrl, headline)) + ": "
        + s.articleCount() + " articles from " + s.sourceCount() + " sources");
    ObjectNode att = msg.putArray("attachments").addObject();
    att.put("color", "#e8912d");
    att.put("fallback", headline);
    att.put("title", headline);
    if (firstUrl != null) {
      att.put("title_link", firstUrl);
    }
    StringBuilder latest = new StringBuilder();
    List<Story.StoryArticle> shown = s.latest().subList(0, Math.min(5, s.latest().size()));
    for (Story.StoryArticle a : shown) {
      latest.append("• ").append(link(a.url(), a.title() == null ? a.url() : a.title()))
          .append(a.sourceId() == null ? "" : " (" + escape(a.sourceId()) + ")").append('\n');
    }
    if (!latest.isEmpty()) {
      att.put("text", latest.toString().strip());
    }
    ArrayNode fields = att.putArray("fields");
    field(fields, "Story size", s.articleCount() + " articles");
    field(fields, "Sources", s.sourceCount() + (s.sources().isEmpty() ? "" : " (" + String.join(", ", s.sources()) + ")"));
    if (!s.countries().isEmpty()) {
      field(fields, "Countries", String.join(", ", s.countries()));
    }
    if (!s.categories().isEmpty()) {
      field(fields, "Categories", String.join(", ", s.categories()));
    }
    att.put("footer", "Wirewatch story.burst");
    if (s.burstAt() != null) {
      att.put("ts", s.burstAt().getEpochSecond());
    }
    return msg;
  }

  private static void field(ArrayNode fields, String title, String value) {
    ObjectNode f = fields.addObject();
    f.put("title", title);
    f.put("value", escape(value));
    f.put("short", true);
  }

  private static String colour(Severity s) {
    if (s == null) {
      return "#888888";
    }
    return switch (s) {
      case CRITICAL -> "#d40e0d";
      case WARNING -> "#e8912d";
      case INFO -> "#439fe0";
    };
  }

  /** {@code <url|text>}: a link in Slack's markup; the text may hold neither '|' nor '>'. */
  static String link(String url, String text) {
    if (url == null) {
      return escape(text);
    }
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C") + "|" + escape(text).replace("|", "¦") + ">";
  }

  /** Slack's three control characters in message text. */
  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The snippet marks matched words with «guillemets»: bold in Slack. */
  static String bold(String s) {
    return s.replace("«", "*").replace("»", "*");
  }
}
