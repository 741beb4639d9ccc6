package io.wirewatch.process.story;

import io.wirewatch.model.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads articles in the common story-evaluation format, one JSON object a line:
 * {@code {"id","title","text","published","source","language"}} (and {@code url}); other fields are
 * ignored, except that {@code story}, the gold label of evaluation sets, is handed to benchmarks.
 * {@code published} is an ISO-8601 instant or null. Lines are read in file order; a blank line is skipped.
 */
public final class StoryItemsFile {

  /** One line: the item, its gold story (null when absent), and where it was read. */
  public record Line(StoryItem item, String story, Path file, int number) {}

  private StoryItemsFile() {}

  /** Every line of the file. */
  public static List<Line> read(Path file) {
    List<Line> out = new ArrayList<>();
    forEach(file, out::add);
    return out;
  }

  /**
   * Hands each line to {@code action} as it is read.
   *
   * @throws IllegalArgumentException naming the file (and line) of a missing or unreadable file, a line
   *                                  that is not a JSON object, a line without an id, or a bad date
   */
  public static void forEach(Path file, Consumer<Line> action) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int number = 0;
      while ((text = in.readLine()) != null) {
        number++;
        if (!text.isBlank()) {
          action.accept(parse(text, file, number));
        }
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  static Line parse(String line, Path file, int number) {
    String where = file + " line " + number;
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(where + ": not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new InvalidInputException(where + ": expected a JSON object");
    }
    String id = text(n, "id");
    if (id == null || id.isBlank()) {
      throw new InvalidInputException(where + ": no \"id\"");
    }
    Instant published = null;
    String p = text(n, "published");
    if (p != null && !p.isBlank()) {
      try {
        published = Instant.parse(p);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(where + ": \"published\" is not an ISO-8601 instant: " + p);
      }
    }
    StoryItem item = new StoryItem(id, text(n, "title"), text(n, "text"), published, text(n, "source"),
        text(n, "language"), text(n, "url"));
    return new Line(item, text(n, "story"), file, number);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Id to label from a file of {@code {"id","story"}} lines (e.g. a coarser gold such as topics). */
  public static Map<String, String> labels(Path file) {
    Map<String, String> out = new HashMap<>();
    forEach(file, l -> {
      if (l.story() == null) {
        throw new InvalidInputException(file + " line " + l.number() + ": no \"story\"");
      }
      out.put(l.item().id(), l.story());
    });
    return out;
  }
}
