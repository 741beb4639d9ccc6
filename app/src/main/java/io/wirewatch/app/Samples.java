package io.wirewatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The bundled demo sources: an RSS feed, an Atom feed and article pages written for Wirewatch,
 * about one event told by three outlets plus unrelated stories. {@code wirewatch run} without
 * {@code --sources} copies them next to its data and polls them as {@code file:} URLs.
 */
public final class Samples {

  static final String ROOT = "samples/";

  /** Every bundled file, relative to {@link #ROOT}; the feeds link to the articles relatively. */
  static final List<String> FILES = List.of(
      "sources.yaml",
      "wire.rss",
      "desk.atom",
      "articles/korea-liaison-withdrawal.html",
      "articles/commentary-sanctions-relief.html",
      "articles/analysis-nuclear-diplomacy.html",
      "articles/chip-plant-opens.html",
      "articles/city-marathon.html",
      "articles/typhoon-warning.html",
      "articles/export-rules-tighten.html");

  private Samples() {}

  /** Copies the samples into {@code dir} (overwriting older copies) and returns the sources file. */
  public static Path install(Path dir) {
    try {
      for (String f : FILES) {
        Path target = dir.resolve(f);
        Files.createDirectories(target.getParent());
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(ROOT + f)) {
          if (in == null) {
            throw new IllegalStateException("bundled sample " + f + " is missing from the jar");
          }
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install samples into " + dir, e);
    }
    return dir.resolve("sources.yaml");
  }
}
