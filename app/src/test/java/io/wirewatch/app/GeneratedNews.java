package io.wirewatch.app;

import io.wirewatch.model.ArticleId;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Topics;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Records for {@code news.raw}, generated, with what the process stage must make of each: varied
 * article pages (three page layouts with navigation, bylines, captions, related links and footers
 * around two to five paragraphs), a quarter of them mentioning {@code sanctions} and a tenth the
 * {@code "liaison office"} (the bundled rules), a quarter syndicated to one or two other outlets
 * (the same page under other URLs, so flood control updates the first alert instead of raising
 * another), and poison records of every kind the stage has met, each to become one dead letter.
 *
 * <p>Generated rather than read from files so that the fault tests can ask for as many as they
 * need and the suite needs no corpus. Seeded: the same arguments give the same records.
 */
final class GeneratedNews {

  /** One record to write: its key, its value (null: a tombstone) and its partition-independent identity. */
  record Raw(String key, byte[] value) {}

  /** A record that must become exactly one dead letter with this stage and a reason containing this. */
  record Poison(Stage stage, String reasonContains) {}

  /** A rule that must alert on a story: one alert key, updated once per further copy. */
  record StoryAlert(String ruleId, Set<String> copyIds) {}

  private static final String[] WORDS = ("council budget river bridge harbour school hospital rail station "
      + "farmers harvest weather storm minister parliament vote election court judge ruling company shares "
      + "market energy prices fuel grid water supply town mayor residents road repairs museum exhibition "
      + "teachers union strike talks agreement police inquiry report committee airport flights delays "
      + "festival village forest fire crews volunteers university students research funding trade exports "
      + "port shipping cargo bank rates inflation housing rents tenants plan survey data census clinic "
      + "doctors nurses patients ferry island coast fishing boats quota officials spokesman statement "
      + "district league club coach season stadium library archive records project contract builders "
      + "engineers tunnel traffic cyclists pedestrians lanes buses drivers tickets fares network "
      + "province region border customs inspectors factory workers jobs wages pension reform draft bill")
      .split(" ");
  private static final String[] VERBS = ("said announced approved rejected delayed opened closed reviewed "
      + "expanded reduced confirmed questioned welcomed criticised postponed published").split(" ");
  private static final String[] OUTLETS = {"north-gazette", "harbour-times", "valley-post", "coast-wire"};

  private final List<Raw> records = new ArrayList<>();
  private final Set<String> articleIds = new LinkedHashSet<>();
  private final Map<String, Poison> poison = new LinkedHashMap<>();
  private final List<StoryAlert> alerts = new ArrayList<>();
  private final Topics topics;

  private GeneratedNews(Topics topics) {
    this.topics = topics;
  }

  /**
   * @param stories distinct stories; with their syndicated copies there are about 1.4 times as many
   *                articles, plus the poison records
   */
  static GeneratedNews generate(Topics topics, int stories, long seed) {
    GeneratedNews n = new GeneratedNews(topics);
    Random r = new Random(seed);
    for (int s = 0; s < stories; s++) {
      n.story(s, r);
    }
    n.poisonRecords(r);
    // Copies of one story and the poison records land anywhere in the stream, so that a kill can
    // fall between a story's first alert and its updates, or next to a poison record.
    Collections.shuffle(n.records, r);
    return n;
  }

  /** Every record, in the order to write them. */
  List<Raw> records() {
    return Collections.unmodifiableList(records);
  }

  /** Ids of the pages that must each become exactly one article. */
  Set<String> articleIds() {
    return Collections.unmodifiableSet(articleIds);
  }

  /** Poison records by key. */
  Map<String, Poison> poison() {
    return Collections.unmodifiableMap(poison);
  }

  List<StoryAlert> alerts() {
    return Collections.unmodifiableList(alerts);
  }

  private void story(int s, Random r) {
    boolean sanctions = r.nextInt(4) == 0;
    boolean liaison = r.nextInt(10) == 0;
    String title = capitalise(WORDS[r.nextInt(WORDS.length)]) + " " + WORDS[r.nextInt(WORDS.length)] + " "
        + VERBS[r.nextInt(VERBS.length)] + " in report " + (s + 1) + " on the " + WORDS[r.nextInt(WORDS.length)];
    List<String> paragraphs = new ArrayList<>();
    int count = 2 + r.nextInt(4);
    for (int p = 0; p < count; p++) {
      StringBuilder para = new StringBuilder();
      if (p == 0) {
        para.append("Report ").append(s + 1).append(" from the ").append(WORDS[r.nextInt(WORDS.length)])
            .append(" desk: ");
      }
      int sentences = 2 + r.nextInt(3);
      for (int k = 0; k < sentences; k++) {
        para.append(sentence(r)).append(' ');
      }
      if (p == 1 && sanctions) {
        para.append("The ministry said new sanctions on the exporters would follow if the talks failed. ");
      }
      if (p == 0 && liaison) {
        para.append("Staff were withdrawn from the liaison office near the border on Friday. ");
      }
      paragraphs.add(para.toString().strip());
    }
    String html = page(r.nextInt(3), title, paragraphs, r);
    int copies = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
    Set<String> ids = new LinkedHashSet<>();
    for (int c = 0; c < copies; c++) {
      String outlet = OUTLETS[(s + c) % OUTLETS.length];
      String url = "https://" + outlet + ".example/news/" + (s + 1) + "-" + slug(title);
      RawArticle raw = raw(outlet, url, title, html);
      add(raw.id(), raw);
      articleIds.add(raw.id());
      ids.add(raw.id());
    }
    if (sanctions) {
      alerts.add(new StoryAlert("sanctions", ids));
    }
    if (liaison) {
      alerts.add(new StoryAlert("liaison-office", ids));
    }
  }

  private void poisonRecords(Random r) {
    String decode = "not a RawArticle record";
    addBytes("poison-not-json", "this is not JSON at all {".getBytes(StandardCharsets.UTF_8));
    poison.put("poison-not-json", new Poison(Stage.PROCESS_DECODE, decode));
    addBytes("poison-other-type", "{\"ruleId\":\"sanctions\",\"severity\":\"warning\",\"count\":3}"
        .getBytes(StandardCharsets.UTF_8));
    poison.put("poison-other-type", new Poison(Stage.PROCESS_DECODE, decode));
    addBytes("poison-json-array", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
    poison.put("poison-json-array", new Poison(Stage.PROCESS_DECODE, decode));
    addBytes("poison-tombstone", null);
    poison.put("poison-tombstone", new Poison(Stage.PROCESS_DECODE, "tombstone"));
    addBytes("poison-json-null", "null".getBytes(StandardCharsets.UTF_8));
    poison.put("poison-json-null", new Poison(Stage.PROCESS_DECODE, "tombstone"));
    RawArticle elsewhere = raw("valley-post", "https://valley-post.example/misfiled", "Misfiled",
        "<html><body><p>" + sentence(r) + " " + sentence(r) + "</p></body></html>");
    records.add(new Raw("poison-wrong-key", bytes(elsewhere)));
    poison.put("poison-wrong-key", new Poison(Stage.PROCESS_DECODE, "is not the article id"));

    byte[] garbage = new byte[40_000];
    r.nextBytes(garbage);
    cleanPoison("garbage-utf8", new String(garbage, StandardCharsets.UTF_8), "not text: ");
    cleanPoison("garbage-cp1252", new String(garbage, Charset.forName("windows-1252")), "not text: ");
    cleanPoison("empty", "", "no readable text: the page is empty");
    cleanPoison("no-words", "<html><head><title></title></head><body><div><img src=x></div></body></html>",
        "no readable text");

    // Once a NullPointerException in the cleaner (the body ranks first, beside sections of
    // paragraphs): it must now be an article like any other.
    String prose = "This is a sentence of prose, with commas, clauses, and enough length to count as a paragraph. ";
    String crasher = "<html><body><div>" + ("<p>" + prose + "</p>").repeat(3) + "</div>" + prose + "<br>"
        + "<div>" + ("<p>" + prose + "</p>").repeat(3) + "</div>" + prose + "<br></body></html>";
    RawArticle once = raw("coast-wire", "https://coast-wire.example/once-crashed-the-cleaner", null, crasher);
    add(once.id(), once);
    articleIds.add(once.id());
  }

  private void cleanPoison(String name, String html, String reason) {
    RawArticle raw = raw("coast-wire", "https://coast-wire.example/poison/" + name, null, html);
    add(raw.id(), raw);
    poison.put(raw.id(), new Poison(Stage.PROCESS_CLEAN, reason));
  }

  private void add(String key, RawArticle raw) {
    records.add(new Raw(key, bytes(raw)));
  }

  private byte[] bytes(RawArticle raw) {
    return topics.raw().valueSerde().serializer().serialize(topics.raw().name(), raw);
  }

  private void addBytes(String key, byte[] value) {
    records.add(new Raw(key, value));
  }

  private static RawArticle raw(String outlet, String url, String title, String html) {
    Instant now = Instant.now();
    return new RawArticle(ArticleId.of(url), outlet, url, title, now.minus(Duration.ofHours(1)), now,
        "text/html", html, null);
  }

  private static String sentence(Random r) {
    int n = 8 + r.nextInt(10);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String w = i == 3 ? VERBS[r.nextInt(VERBS.length)] : WORDS[r.nextInt(WORDS.length)];
      b.append(i == 0 ? capitalise(w) : w);
      b.append(i == n - 1 ? "." : i % 6 == 5 ? ", " : " ");
    }
    return b.toString();
  }

  /** One of three page layouts, each with the usual chrome around the story. */
  private static String page(int layout, String title, List<String> paragraphs, Random r) {
    StringBuilder body = new StringBuilder();
    for (String p : paragraphs) {
      body.append("<p>").append(p).append("</p>\n");
    }
    String nav = "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/local\">Local</a></li>"
        + "<li><a href=\"/business\">Business</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>";
    String related = "<aside class=\"related\"><h3>Read more</h3><ul><li><a href=\"/a\">" + sentence(r)
        + "</a></li><li><a href=\"/b\">" + sentence(r) + "</a></li></ul></aside>";
    String footer = "<footer><p>&copy; 2024 The Newsroom. All rights reserved.</p>"
        + "<a href=\"/privacy\">Privacy</a> <a href=\"/contact\">Contact</a></footer>";
    String head = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
        + " | The Newsroom</title><meta property=\"og:title\" content=\"" + title + "\"></head>";
    return switch (layout) {
      case 0 -> head + "<body><header>" + nav + "</header><main><article><h1>" + title + "</h1>"
          + "<p class=\"byline\">By Ana Lee</p><time datetime=\"2024-03-0" + (1 + r.nextInt(9))
          + "T08:00:00Z\">March 2024</time>\n" + body + "</article>" + related + "</main>" + footer + "</body></html>";
      case 1 -> head + "<body>" + nav + "<div id=\"content\"><div class=\"story-body\"><h2>" + title + "</h2>"
          + "<figure><img src=\"/p.jpg\"><figcaption>Photo: the scene on Monday.</figcaption></figure>\n" + body
          + "<div class=\"share\">Share this: <a href=\"#\">Mail</a> <a href=\"#\">Print</a></div></div></div>"
          + related + footer + "</body></html>";
      default -> head + "<body><div class=\"wrap\">" + nav + "<div itemprop=\"articleBody\" class=\"text\"><h1>"
          + title + "</h1>\n" + body + "</div><div class=\"sidebar\">" + related + "</div></div>" + footer
          + "</body></html>";
    };
  }

  private static String capitalise(String w) {
    return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
  }

  private static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
