package io.wirewatch.process.classify;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled texts from a CSV file with a header row naming the columns {@code label},
 * {@code title} and {@code description} (or {@code text}), the layout of AG News. Labels are
 * renamed through a map (AG News numbers its classes); a label not in the map is kept as written.
 */
public final class LabelledCsv {

  /** AG News class numbers and their names, as the data set documents them. */
  public static final Map<String, String> AG_NEWS_LABELS =
      Map.of("1", "World", "2", "Sports", "3", "Business", "4", "Sci/Tech");

  private LabelledCsv() {}

  public static List<LabelledText> read(Path file, Map<String, String> labelNames) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString(), labelNames);
    }
  }

  /** @param name where the CSV comes from, for error messages */
  public static List<LabelledText> read(Reader in, String name, Map<String, String> labelNames) throws IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<LabelledText> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema).readValues(in)) {
      int line = 1;
      while (rows.hasNext()) {
        line++;
        Map<String, String> row = rows.next();
        String label = row.get("label");
        if (label == null || label.isBlank()) {
          throw new IOException(name + ": row " + line + " has no value in column 'label' (columns: " + row.keySet() + ")");
        }
        String text = row.containsKey("description") ? row.get("description") : row.get("text");
        out.add(new LabelledText(labelNames.getOrDefault(label.trim(), label.trim()), clean(row.get("title")), clean(text)));
      }
    } catch (RuntimeException e) {
      throw new IOException(name + ": not a readable CSV: " + e.getMessage(), e);
    }
    return out;
  }

  /** AG News writes line breaks inside a field as a backslash; they separate words. */
  private static String clean(String s) {
    return s == null ? "" : s.replace('\\', ' ');
  }
}
