package io.wirewatch.ingest.source;

import io.wirewatch.model.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads an OPML subscription list, the format feed readers export and import: every
 * {@code <outline xmlUrl="...">} becomes a feed source. The id is a slug of the outline's title
 * (made unique), since OPML has no ids. Jsoup's XML parser is used because OPML files in the wild
 * are often not well-formed XML, and it never resolves entities from a DTD.
 */
public final class OpmlFile {

  private OpmlFile() {}

  public static boolean looksLikeOpml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".opml")) {
      return true;
    }
    try {
      String text = Files.readString(file);
      String head = text.substring(0, Math.min(text.length(), 512));
      return head.toLowerCase(Locale.ROOT).contains("<opml");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public static List<Source> read(Path file) {
    Document doc;
    try {
      doc = Jsoup.parse(Files.readString(file), "", Parser.xmlParser());
    } catch (IOException e) {
      throw new ConfigException("cannot read OPML file " + file + ": " + e.getMessage());
    }
    List<Source> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<String> errors = new ArrayList<>();
    for (Element o : doc.select("outline[xmlUrl]")) {
      String url = o.attr("xmlUrl").trim();
      String title = !o.attr("title").isBlank() ? o.attr("title") : o.attr("text");
      String id = slug(title.isBlank() ? url : title);
      String unique = id;
      for (int i = 2; !ids.add(unique); i++) {
        unique = id + "-" + i;
      }
      try {
        out.add(new Source(unique, URI.create(url), Source.Type.FEED, null));
      } catch (IllegalArgumentException e) {
        errors.add("outline '" + title + "': " + e.getMessage());
      }
    }
    if (out.isEmpty() && errors.isEmpty()) {
      throw new ConfigException("OPML file " + file + " has no <outline xmlUrl=...> entries");
    }
    if (!errors.isEmpty()) {
      throw new ConfigException("OPML file " + file + ": " + String.join("; ", errors));
    }
    return out;
  }

  static String slug(String s) {
    String ascii = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60);
    }
    return slug.isEmpty() ? "source" : slug;
  }
}
