package io.wirewatch.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;

/** Saved HTML pages on disk: {@code .html}, {@code .htm} and their gzipped forms, directories walked. */
public final class PageFiles {

  private PageFiles() {}

  public static boolean isPage(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".html.gz") || n.endsWith(".htm.gz");
  }

  /** The pages named, with directories expanded recursively in path order. */
  public static List<Path> expand(List<Path> args) {
    List<Path> out = new ArrayList<>();
    for (Path a : args) {
      if (Files.isDirectory(a)) {
        try (Stream<Path> s = Files.walk(a)) {
          s.filter(Files::isRegularFile).filter(PageFiles::isPage).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + a, e);
        }
      } else if (Files.isRegularFile(a)) {
        out.add(a);
      } else {
        throw new IllegalArgumentException("FILE: no such file or directory: " + a);
      }
    }
    return out;
  }

  /** The file's bytes, gunzipped when its name ends in .gz. */
  public static byte[] bytes(Path p) throws IOException {
    if (!p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
      return Files.readAllBytes(p);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return in.readAllBytes();
    }
  }

  /** The page as text, in the charset Jsoup settles on (byte-order mark, meta charset, else UTF-8). */
  public static String read(Path p, String baseUrl) throws IOException {
    byte[] b = bytes(p);
    Charset cs = Jsoup.parse(new ByteArrayInputStream(b), null, baseUrl == null ? "" : baseUrl).charset();
    return new String(b, cs == null ? StandardCharsets.UTF_8 : cs);
  }
}
