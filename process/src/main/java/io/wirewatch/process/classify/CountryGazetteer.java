package io.wirewatch.process.classify;

import io.wirewatch.model.CountryMention;
import io.wirewatch.model.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the countries a text mentions by name, alias, capital or demonym, and counts the mentions
 * per ISO 3166-1 code. The bundled list ({@value #BUNDLED}) documents its own format.
 *
 * <p>Why hand-written rather than Lucene or a gazetteer library: the work is a longest-match over
 * token sequences with case rules no analyzer offers (proper-noun case, or all capitals), and the
 * data is what matters; CoreNLP/OpenNLP NER would cost hundreds of MB and still need this table to
 * turn "Pyongyang" into KP.
 *
 * <p>How ambiguity is handled:
 * <ul>
 *   <li>Words are maximal runs of letters or digits, accents folded ("Pyŏngyang" = "Pyongyang"), and
 *       a form matches whole words only: "Niger" is not found in "Nigeria", "Oman" not in "Romania".
 *   <li>Case-sensitive: a form matches as written or in all capitals ("SEOUL"), never in lower case,
 *       so "turkey", "china", "chile" and "us" are not countries.
 *   <li>Longest match first, left to right, and a matched span is consumed: "North Korea" counts KP
 *       once and not also "Korea"; "South Korean" is KR; "American Samoa" is AS and not also US.
 *   <li>Phrases that are not countries ("New Mexico", "Latin American", "South China Sea") are
 *       listed as blockers: they consume their span and count nothing.
 *   <li>Ambiguous forms ("Georgia", "Jordan", "Chad", "Korea", a capital shared with other cities)
 *       count only when the same text also names the country by an unambiguous form (Tbilisi,
 *       Jordanian, N'Djamena, Seoul): an NBA story about Michael Jordan names no country.
 * </ul>
 */
public final class CountryGazetteer {

  public static final String BUNDLED = "io/wirewatch/process/countries.tsv";
  private static final Pattern CODE = Pattern.compile("[A-Z]{2}");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final String BLOCKER = "-";

  /** What a complete token path leads to: a country (strong or weak), or a blocker (code null). */
  private record Entry(String code, boolean weak, String form) {}

  private static final class Node {
    final Map<String, Node> next = new HashMap<>(4);
    Entry entry;
  }

  private final Node root = new Node();
  private final Map<String, String> names = new LinkedHashMap<>();

  private CountryGazetteer() {}

  public static CountryGazetteer bundled() {
    try (InputStream in = CountryGazetteer.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new ConfigException("bundled resource " + BUNDLED + " is missing from the jar");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled " + BUNDLED);
    } catch (IOException e) {
      throw new ConfigException("cannot read bundled " + BUNDLED + ": " + e.getMessage());
    }
  }

  /**
   * @param name where the list comes from, for error messages
   * @throws ConfigException on a malformed line or a form given to two countries
   */
  public static CountryGazetteer read(Reader source, String name) throws IOException {
    CountryGazetteer g = new CountryGazetteer();
    BufferedReader in = new BufferedReader(source);
    String line;
    int number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      String code = cols[0].trim();
      String where = name + " line " + number;
      if (!code.equals(BLOCKER) && !CODE.matcher(code).matches()) {
        throw new ConfigException(where + ": code must be two capital letters or '-', got '" + code + "'");
      }
      if (cols.length < 2 || cols[1].isBlank()) {
        throw new ConfigException(where + ": " + code + " has no name");
      }
      if (code.equals(BLOCKER)) {
        for (String form : cols[1].split("\\|")) {
          g.add(form, null, where);
        }
        continue;
      }
      if (g.names.containsKey(code)) {
        throw new ConfigException(where + ": " + code + " is listed twice");
      }
      g.names.put(code, cols[1].split("\\|")[0].replace("?", "").trim());
      for (int c = 1; c < Math.min(cols.length, 4); c++) {
        for (String form : cols[c].split("\\|")) {
          if (!form.isBlank()) {
            g.add(form, code, where);
            if (c == 3 && pluralizable(form)) {
              g.add(form.trim() + "s", code, where);
            }
          }
        }
      }
    }
    if (g.names.isEmpty()) {
      throw new ConfigException(name + ": no country listed");
    }
    return g;
  }

  /** Demonyms in -s, -sh, -ch, -ese (Swiss, Irish, Dutch, Chinese) have no plural in -s. */
  private static boolean pluralizable(String demonym) {
    String d = demonym.trim();
    return !(d.endsWith("s") || d.endsWith("sh") || d.endsWith("ch") || d.endsWith("ese") || d.endsWith("x") || d.endsWith("z"));
  }

  private void add(String rawForm, String code, String where) {
    String form = rawForm.trim();
    boolean weak = form.startsWith("?");
    if (weak) {
      form = form.substring(1).trim();
    }
    List<String> tokens = tokens(form);
    if (tokens.isEmpty()) {
      throw new ConfigException(where + ": form '" + rawForm + "' has no letters");
    }
    Entry entry = new Entry(code, weak, form);
    insert(tokens, entry, where);
    List<String> upper = tokens.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
    if (!upper.equals(tokens)) {
      insert(upper, entry, where);
    }
  }

  private void insert(List<String> tokens, Entry entry, String where) {
    Node n = root;
    for (String t : tokens) {
      n = n.next.computeIfAbsent(t, k -> new Node());
    }
    if (n.entry != null && !java.util.Objects.equals(n.entry.code(), entry.code())) {
      throw new ConfigException(where + ": '" + entry.form() + "' is already given to "
          + (n.entry.code() == null ? "the blockers" : n.entry.code()) + " by '" + n.entry.form() + "'");
    }
    // The same form listed twice for one country: the strong reading wins.
    if (n.entry == null || n.entry.weak()) {
      n.entry = entry;
    }
  }

  /** ISO codes of every listed country, in file order. */
  public List<String> codes() {
    return List.copyOf(names.keySet());
  }

  /** The country's display name, e.g. "North Korea" for KP. */
  public Optional<String> name(String code) {
    return Optional.ofNullable(names.get(code));
  }

  /**
   * Countries mentioned in the given texts (e.g. headline and body, matched separately so that no
   * name spans them), most mentioned first, then by code.
   */
  public List<CountryMention> mentions(String... texts) {
    Map<String, int[]> counts = new HashMap<>(); // code -> {strong, weak}
    for (String text : texts) {
      if (text != null && !text.isEmpty()) {
        scan(tokens(text), counts);
      }
    }
    List<CountryMention> out = new ArrayList<>();
    counts.forEach((code, c) -> {
      if (c[0] > 0) {
        out.add(new CountryMention(code, c[0] + c[1]));
      }
    });
    out.sort(Comparator.comparingInt(CountryMention::count).reversed().thenComparing(CountryMention::code));
    return out;
  }

  private void scan(List<String> tokens, Map<String, int[]> counts) {
    int i = 0;
    while (i < tokens.size()) {
      Node n = root;
      Entry found = null;
      int end = i;
      for (int j = i; j < tokens.size(); j++) {
        n = n.next.get(tokens.get(j));
        if (n == null) {
          break;
        }
        if (n.entry != null) {
          found = n.entry;
          end = j + 1;
        }
      }
      if (found == null) {
        i++;
        continue;
      }
      if (found.code() != null) {
        counts.computeIfAbsent(found.code(), k -> new int[2])[found.weak() ? 1 : 0]++;
      }
      i = end;
    }
  }

  /** Maximal runs of letters or digits, accents removed, case kept. */
  static List<String> tokens(String s) {
    String folded = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= folded.length(); i++) {
      boolean letter = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        out.add(folded.substring(start, i));
        start = -1;
      }
    }
    return out;
  }
}
