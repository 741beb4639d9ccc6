package io.wirewatch.app;

import io.wirewatch.ingest.fetch.FetchedPage;
import io.wirewatch.ingest.fetch.HtmlPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Local article pages for the offline tools: {@code .html} and {@code .html.gz} files, directories walked. */
final class PageFiles {

  private PageFiles() {}

  /** The page files named or found under {@code paths}, sorted within each directory. */
  static List<Path> list(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(PageFiles::isPage).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + p, e);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new IllegalArgumentException("no such file or directory: " + p);
      }
    }
    return out;
  }

  static boolean isPage(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".html.gz") || n.endsWith(".htm.gz");
  }

  /** The page decoded the way the ingestor decodes a fetched page (BOM, meta charset, else UTF-8). */
  static HtmlPage read(Path p) throws IOException {
    byte[] bytes;
    try (InputStream raw = Files.newInputStream(p);
        InputStream in = p.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      bytes = in.readAllBytes();
    }
    return HtmlPage.decode(new FetchedPage(p.toUri(), p.toUri(), 200, "text/html", bytes));
  }
}
