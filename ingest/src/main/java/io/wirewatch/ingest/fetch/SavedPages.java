package io.wirewatch.ingest.fetch;

import io.wirewatch.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Saved HTML pages on disk for the offline tools: {@code .html}, {@code .htm} and their gzipped
 * forms, directories walked. Pages are decoded exactly as the ingestor decodes a fetched page.
 */
public final class SavedPages {

  private SavedPages() {}

  public static boolean isPage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".html.gz") || n.endsWith(".htm.gz");
  }

  /** The pages named, with directories expanded recursively in path order. */
  public static List<Path> expand(List<Path> args) {
    List<Path> out = new ArrayList<>();
    for (Path a : args) {
      if (Files.isDirectory(a)) {
        try (Stream<Path> s = Files.walk(a)) {
          s.filter(Files::isRegularFile).filter(SavedPages::isPage).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + a, e);
        }
      } else if (Files.isRegularFile(a)) {
        out.add(a);
      } else {
        throw new InvalidInputException("FILE: no such file or directory: " + a);
      }
    }
    return out;
  }

  /** The file's bytes, gunzipped when its name ends in .gz. */
  public static byte[] bytes(Path p) throws IOException {
    if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return Files.readAllBytes(p);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return in.readAllBytes();
    }
  }

  /**
   * The page decoded as the ingestor decodes a fetch (byte-order mark, meta charset, else UTF-8),
   * with its canonical URL; {@code baseUrl} (may be null) stands for the URL it was saved from.
   */
  public static HtmlPage decode(Path p, String baseUrl) throws IOException {
    URI uri = baseUrl == null ? p.toUri() : URI.create(baseUrl);
    return HtmlPage.decode(new FetchedPage(uri, uri, 200, "text/html", bytes(p)));
  }

  /** The page as text: {@link #decode(Path, String)} without the URL. */
  public static String read(Path p, String baseUrl) throws IOException {
    return decode(p, baseUrl).html();
  }
}
