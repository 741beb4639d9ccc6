package io.wirewatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Alert;
import io.wirewatch.model.Article;
import io.wirewatch.model.ArticleId;
import io.wirewatch.model.CountryMention;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.RawArticle;
import io.wirewatch.model.Rule;
import io.wirewatch.model.Stage;
import io.wirewatch.model.Story;
import io.wirewatch.model.Topic;
import io.wirewatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WirewatchTopologyTest {

  private static final Instant NOW = Instant.parse("2019-03-22T10:00:00Z");
  private static final Topics TOPICS = Topics.DEFAULT;

  private ProcessComponents components;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  private TestInputTopic<String, Rule> rules;
  private TestOutputTopic<String, Article> articles;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private TestOutputTopic<String, Story> stories;
  private final List<DeadLetter> ruleLetters = new ArrayList<>();
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  @TempDir
  Path stateDir;

  @BeforeEach
  void start() {
    ProcessConfig config = ProcessConfig.defaults().withStateDir(stateDir);
    components = new ProcessComponents(config, TOPICS, Clock.fixed(NOW, ZoneOffset.UTC), new ProcessMetrics(registry));
    // The service's own properties, exactly-once included, as a deployment runs them.
    driver = new TopologyTestDriver(components.topology(TOPICS, (key, letter) -> ruleLetters.add(letter), 1),
        ProcessService.streamsProperties("unused:9092", config));
    raw = driver.createInputTopic(TOPICS.raw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    rules = driver.createInputTopic(TOPICS.rules().name(), Serdes.String().serializer(),
        TOPICS.rules().valueSerde().serializer());
    components.seedRules().rules().forEach(r -> rules.pipeInput(r.id(), r));
    articles = output(TOPICS.articles());
    alerts = output(TOPICS.alerts());
    deadLetters = output(TOPICS.deadLetter());
    stories = output(TOPICS.stories());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> t) {
    return driver.createOutputTopic(t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
    components.close();
  }

  private void send(RawArticle a) {
    raw.pipeInput(a.id(), TOPICS.raw().valueSerde().serializer().serialize(TOPICS.raw().name(), a));
  }

  private static RawArticle page(String url, String title, String... paragraphs) {
    StringBuilder html = new StringBuilder("<html lang=\"en\"><head><title>" + title + " | Example</title></head><body>")
        .append("<nav><a href=\"/s\">Sanctions</a> <a href=\"/l\">Liaison office</a></nav><article><h1>")
        .append(title).append("</h1>");
    for (String p : paragraphs) {
      html.append("<p>").append(p).append("</p>");
    }
    html.append("</article><aside class=\"related\"><a href=\"/x\">New sanctions on the liaison office</a></aside></body></html>");
    String h = html.toString();
    return new RawArticle(ArticleId.of(url), "test", url, title, null, NOW, "text/html", h, ArticleId.contentHash(h));
  }

  private static final RawArticle LIAISON = page("https://news.example/korea-liaison",
      "North Korea pulls staff from liaison office",
      "North Korea withdrew its staff from the joint liaison office on Friday, a day after new US sanctions on two Chinese shipping companies.",
      "Officials in Seoul said the southern staff would stay at the office for now.");

  private static final RawArticle MARATHON = page("https://news.example/marathon",
      "Record field for the city marathon",
      "More than 40,000 runners took part in the city marathon on Sunday, a record for the race.",
      "Organisers said a new route helped several runners set personal bests.");

  @Test
  void articleIsCleanedClassifiedAndRaisesOneAlertPerMatchingRule() {
    send(LIAISON);

    Article a = articles.readValue();
    assertThat(a.id()).isEqualTo(LIAISON.id());
    assertThat(a.title()).isEqualTo("North Korea pulls staff from liaison office");
    assertThat(a.text()).startsWith("North Korea withdrew").doesNotContain("New sanctions on the liaison office");
    assertThat(a.language()).isEqualTo("en");
    assertThat(a.categories()).contains("sanctions", "diplomacy");
    assertThat(a.categoryScores().keySet()).containsExactlyElementsOf(a.categories());
    assertThat(a.categoryScores().values()).allSatisfy(score -> assertThat(score).isPositive());
    assertThat(a.revision()).isEqualTo(1);
    assertThat(a.countries()).containsExactly(new CountryMention("KP", 2), new CountryMention("CN", 1),
        new CountryMention("KR", 1), new CountryMention("US", 1));
    assertThat(a.topic()).isNull(); // no process.topic-model by default

    List<Alert> raised = alerts.readValuesToList();
    assertThat(raised).extracting(Alert::ruleId).containsExactlyInAnyOrder("sanctions", "liaison-office");
    Alert liaison = raised.stream().filter(x -> x.ruleId().equals("liaison-office")).findFirst().orElseThrow();
    assertThat(liaison.severity()).isEqualTo("critical");
    assertThat(liaison.url()).isEqualTo("https://news.example/korea-liaison");
    assertThat(liaison.matchedTerms()).containsExactly("liaison office");
    assertThat(liaison.snippet()).contains("«liaison office»");
    assertThat(liaison.raisedAt()).isEqualTo(NOW);
    assertThat(liaison.countries()).containsExactly("KP", "CN", "KR", "US");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void keywordsOnlyInNavigationAndRelatedLinksRaiseNothing() {
    send(MARATHON);
    assertThat(articles.readValue().text()).doesNotContainIgnoringCase("sanction");
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void exactRepeatIsDroppedAndAnEditIsTheNextRevision() {
    send(LIAISON);
    send(LIAISON);
    assertThat(articles.readValuesToList()).hasSize(1);
    assertThat(alerts.readValuesToList()).hasSize(2);

    String edited = LIAISON.html().replace("on Friday", "early on Friday");
    send(new RawArticle(LIAISON.id(), "test", LIAISON.url(), null, null, NOW, "text/html", edited,
        ArticleId.contentHash(edited)));
    Article second = articles.readValue();
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.text()).contains("early on Friday");
  }

  @Test
  void poisonRecordGoesToDeadLetterAndTheNextRecordIsProcessed() {
    raw.pipeInput("poison-key", "this is not JSON {".getBytes(StandardCharsets.UTF_8));
    raw.pipeInput("missing-fields", "{\"sourceId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    send(LIAISON);

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).stage()).isEqualTo(Stage.PROCESS_DECODE);
    assertThat(letters.get(0).subject()).isEqualTo("poison-key");
    assertThat(letters.get(0).payload()).isEqualTo("this is not JSON {");
    assertThat(letters.get(0).reason()).contains("not a RawArticle record on news.raw");
    assertThat(letters.get(1).reason()).contains("id");
    assertThat(articles.readValue().id()).isEqualTo(LIAISON.id());
  }

  @Test
  void recordKeyedOtherwiseThanByArticleIdIsADeadLetter() {
    raw.pipeInput("not-the-id", TOPICS.raw().valueSerde().serializer().serialize(TOPICS.raw().name(), LIAISON));
    assertThat(deadLetters.readValue().reason()).contains("'not-the-id' is not the article id");
    assertThat(articles.isEmpty()).isTrue();
  }

  @Test
  void aPageOfGarbageOrNothingIsACleanDeadLetterNeverAnArticleOrAnAlert() {
    byte[] bytes = new byte[20_000];
    new java.util.Random(1).nextBytes(bytes);
    String garbage = new String(bytes, StandardCharsets.ISO_8859_1) + " sanctions liaison office ";
    String url = "https://news.example/garbage";
    send(new RawArticle(ArticleId.of(url), "test", url, "Sanctions", null, NOW, "text/html", garbage,
        ArticleId.contentHash(garbage)));
    String empty = "https://news.example/empty";
    send(new RawArticle(ArticleId.of(empty), "test", empty, "Liaison office", null, NOW, "text/html", "",
        ArticleId.contentHash("")));

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters).extracting(DeadLetter::stage).containsExactly(Stage.PROCESS_CLEAN, Stage.PROCESS_CLEAN);
    assertThat(letters.get(0).reason()).matches("not text: \\d+ % control characters");
    assertThat(letters.get(0).subject()).isEqualTo(url);
    assertThat(letters.get(1).reason()).isEqualTo("no readable text: the page is empty");
    assertThat(articles.isEmpty()).isTrue();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void alertsAreKeyedByRuleAndArticle() {
    send(LIAISON);
    assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("sanctions/" + LIAISON.id(), "liaison-office/" + LIAISON.id());
  }

  @Test
  void keywordOnlyInACaptionOrARelatedLinksBoxRaisesNothing() {
    String url = "https://news.example/harvest";
    String html = "<html lang=\"en\"><head><title>Early harvest lifts farm incomes | Example</title></head><body>"
        + "<article><h1>Early harvest lifts farm incomes</h1>"
        + "<figure><img src=\"field.jpg\"><figcaption>Combines in a field near the liaison office that "
        + "handles sanctions appeals. (Photo: Example/File)</figcaption></figure>"
        + "<p>Farmers in the plains brought in the wheat harvest two weeks early this year, and prices held up "
        + "better than most traders had expected in the spring.</p>"
        + "<p class=\"caption\">Grain silos at the sanctions checkpoint, photographed on Monday.</p>"
        + "<p>The agriculture ministry said incomes should rise for the second year running.</p>"
        + "<div class=\"more-stories\"><h3>Related stories</h3><ul><li><a href=\"/x\">New sanctions hit the "
        + "liaison office</a></li><li><a href=\"/y\">Liaison office staff leave</a></li></ul></div>"
        + "<p>READ: <a href=\"/z\">Sanctions on grain exports: the liaison office explains</a></p>"
        + "</article></body></html>";
    send(new RawArticle(ArticleId.of(url), "test", url, null, null, NOW, "text/html", html, ArticleId.contentHash(html)));

    Article a = articles.readValue();
    assertThat(a.text()).startsWith("Farmers in the plains").endsWith("for the second year running.")
        .doesNotContainIgnoringCase("sanction").doesNotContainIgnoringCase("liaison");
    assertThat(alerts.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void ruleAddedAtRunTimeFiresOnLaterArticlesAndStopsWhenRemoved() {
    send(MARATHON);
    assertThat(alerts.isEmpty()).isTrue();

    rules.pipeInput("marathon", new Rule("marathon", "marathon", "info", null, null, null, null, 0));
    send(page("https://news.example/marathon-2", "Marathon route changes",
        "The marathon will take a new route along the river next year, organisers said on Monday."));
    Alert a = alerts.readValue();
    assertThat(a.ruleId()).isEqualTo("marathon");
    assertThat(a.severity()).isEqualTo("info");
    assertThat(a.ruleVersion()).isGreaterThanOrEqualTo(2); // its offset in news.rules, after the two seeds

    rules.pipeInput("marathon", (Rule) null);
    send(page("https://news.example/marathon-3", "Marathon record broken",
        "A runner broke the marathon course record by a full minute on Sunday morning."));
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void filtersRestrictARuleToMatchingArticles() {
    rules.pipeInput("sanctions", new Rule("sanctions", "sanctions", null, null, null, null,
        new Rule.Filters(null, null, List.of("fr"), null), 0));
    send(LIAISON);
    assertThat(alerts.readValuesToList()).extracting(Alert::ruleId).containsExactly("liaison-office");

    rules.pipeInput("korea", new Rule("korea", "staff", null, null, null, null,
        new Rule.Filters(null, null, null, List.of("KP")), 0));
    rules.pipeInput("iran", new Rule("iran", "staff", null, null, null, null,
        new Rule.Filters(null, null, null, List.of("IR")), 0));
    send(page("https://news.example/korea-2", "Pyongyang recalls staff",
        "North Korea recalled its staff from the joint office in Kaesong on Friday morning."));
    assertThat(alerts.readValuesToList()).extracting(Alert::ruleId).containsExactly("korea");
  }

  @Test
  void republishedStoryUpdatesTheFirstAlertInsteadOfRaisingANewOne() {
    send(LIAISON);
    List<org.apache.kafka.streams.test.TestRecord<String, Alert>> first = alerts.readRecordsToList();
    assertThat(first).hasSize(2).allSatisfy(r -> assertThat(r.value().count()).isEqualTo(1));

    // The same story on another outlet's page: other URL, same headline and text.
    String html = LIAISON.html().replace("<nav>", "<nav class=\"other-site\">");
    send(new RawArticle(ArticleId.of("https://other.example/story"), "other", "https://other.example/story",
        null, null, NOW, "text/html", html, ArticleId.contentHash(html)));

    List<org.apache.kafka.streams.test.TestRecord<String, Alert>> second = alerts.readRecordsToList();
    assertThat(second).hasSize(2).allSatisfy(r -> {
      assertThat(r.key()).endsWith("/" + LIAISON.id());
      assertThat(r.value().count()).isEqualTo(2);
      assertThat(r.value().sources()).containsExactly("test", "other");
      assertThat(r.value().url()).isEqualTo(LIAISON.url());
    });
    assertThat(articles.readValuesToList()).hasSize(2); // both pages are still articles
  }

  @Test
  void anEditedPageIsANewRevisionInItsStoryAndItsAlertsHaveNothingNewToSay() {
    send(LIAISON);
    List<Alert> first = alerts.readValuesToList();
    Article original = articles.readValue();
    String edited = LIAISON.html().replace("on Friday", "early on Friday");
    send(new RawArticle(LIAISON.id(), "test", LIAISON.url(), null, null, NOW, "text/html", edited,
        ArticleId.contentHash(edited)));
    Article revised = articles.readValue();
    assertThat(revised.revision()).isEqualTo(2);
    assertThat(revised.storyId()).isEqualTo(original.storyId()).isNotNull();
    assertThat(first).hasSize(2);
    assertThat(alerts.isEmpty()).isTrue();
    // The story counts the article once: the revision writes no new state of it.
    assertThat(stories.readValuesToList()).singleElement().satisfies(s -> assertThat(s.articleCount()).isEqualTo(1));
  }

  @Test
  void aRuleWrittenPerArticleAlertsOnEachArticleOfAStory() {
    rules.pipeInput("liaison-office", new Rule("liaison-office", "\"liaison office\"", "critical", null, null, null,
        null, 0, Rule.PER_ARTICLE));
    send(LIAISON);
    String html = LIAISON.html().replace("<nav>", "<nav class=\"other-site\">");
    send(new RawArticle(ArticleId.of("https://other.example/story"), "other", "https://other.example/story",
        null, null, NOW, "text/html", html, ArticleId.contentHash(html)));
    List<Alert> liaison = alerts.readValuesToList().stream().filter(a -> a.ruleId().equals("liaison-office")).toList();
    assertThat(liaison).hasSize(2).allSatisfy(a -> assertThat(a.count()).isEqualTo(1));
    assertThat(liaison).extracting(Alert::storyId).doesNotContainNull().containsOnly(liaison.get(0).storyId());
  }

  @Test
  void unreadableOrRefusedRuleRecordsAreDeadLettersAndThePreviousVersionStays() {
    TestInputTopic<String, byte[]> rawRules = driver.createInputTopic(TOPICS.rules().name(),
        Serdes.String().serializer(), Serdes.ByteArray().serializer());
    rawRules.pipeInput("junk", "{not json".getBytes(StandardCharsets.UTF_8));
    rules.pipeInput("sanctions", new Rule("sanctions", "(unbalanced", null, null, null, null, null, 0));

    assertThat(ruleLetters).extracting(DeadLetter::stage).containsOnly(Stage.PROCESS_RULE);
    assertThat(ruleLetters).extracting(DeadLetter::subject).containsExactly("junk", "sanctions");
    assertThat(ruleLetters.get(0).reason()).contains("unreadable record in news.rules");
    assertThat(ruleLetters.get(0).payload()).isEqualTo("{not json");
    assertThat(ruleLetters.get(1).reason()).contains("refused, previous version kept").contains("does not parse");
    // The previous "sanctions" still fires.
    send(LIAISON);
    assertThat(alerts.readValuesToList()).extracting(Alert::ruleId).contains("sanctions");
  }

  @Test
  void aCleanedPageThatCannotBeClassifiedIsAClassifyDeadLetter() {
    // No taxonomy, language guesser or gazetteer: cleaning works, classifying throws.
    RawRecordHandler handler = new RawRecordHandler(TOPICS.raw(),
        new ArticleProcessor(new io.wirewatch.process.clean.ArticleCleaner(), null, null, null, null),
        null, null, Clock.fixed(NOW, ZoneOffset.UTC));
    java.util.Map<String, String> revisions = new java.util.HashMap<>();
    Outcome o = handler.handle(LIAISON.id(), TOPICS.raw().valueSerde().serializer().serialize("t", LIAISON),
        StateView.of(revisions));
    assertThat(o.isArticle()).isFalse();
    assertThat(o.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.stage()).isEqualTo(Stage.PROCESS_CLASSIFY);
      assertThat(d.subject()).isEqualTo(LIAISON.url());
    });
    assertThat(revisions).isEmpty(); // retried when the page comes again
  }

  private static RawArticle published(RawArticle page, String source, java.time.Instant at) {
    return new RawArticle(page.id(), source, page.url(), null, at, NOW, "text/html", page.html(), page.contentHash());
  }

  @Test
  void articlesAreGroupedIntoStoriesAndEachRuleAlertsOncePerStory() {
    send(LIAISON);
    String copy = LIAISON.html().replace("<nav>", "<nav class=\"other-site\">");
    send(new RawArticle(ArticleId.of("https://other.example/korea"), "other", "https://other.example/korea",
        null, null, NOW, "text/html", copy, ArticleId.contentHash(copy)));
    send(MARATHON);

    List<Article> written = articles.readValuesToList();
    assertThat(written).hasSize(3).allSatisfy(a -> assertThat(a.storyId()).isNotNull());
    assertThat(written.get(1).storyId()).isEqualTo(written.get(0).storyId());
    assertThat(written.get(2).storyId()).isNotEqualTo(written.get(0).storyId());

    java.util.Map<String, Story> latest = new java.util.LinkedHashMap<>();
    stories.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    assertThat(latest).hasSize(2);
    Story korea = latest.get(written.get(0).storyId());
    assertThat(korea.articleCount()).isEqualTo(2);
    assertThat(korea.sources()).containsExactly("test", "other");
    assertThat(korea.language()).isEqualTo("en");
    assertThat(korea.latest()).extracting(Story.StoryArticle::id).containsExactly(written.get(1).id(), written.get(0).id());
    assertThat(korea.countries()).contains("KP");
    assertThat(korea.closed()).isFalse();

    // One alert per rule and story: the copy updates the two alerts the first page raised.
    java.util.Map<String, Alert> byKey = new java.util.LinkedHashMap<>();
    alerts.readKeyValuesToList().forEach(kv -> byKey.put(kv.key, kv.value));
    assertThat(byKey).hasSize(2).allSatisfy((key, a) -> {
      assertThat(a.storyId()).isEqualTo(korea.id());
      assertThat(a.count()).isEqualTo(2);
      assertThat(a.sources()).containsExactly("test", "other");
    });
  }

  @Test
  void aStoryGainingTenArticlesFromSixSourcesInHalfAnHourRaisesOneBurstAlert() {
    java.time.Instant start = java.time.Instant.parse("2019-03-22T09:00:00Z");
    send(published(MARATHON, "sports-desk", start.minus(java.time.Duration.ofHours(5))));
    for (int i = 0; i < 10; i++) {
      RawArticle p = page("https://outlet-" + (i % 6) + ".example/korea-" + i,
          "North Korea pulls staff from liaison office, update " + i,
          "North Korea withdrew its staff from the joint liaison office on Friday, a day after new US sanctions "
              + "on two Chinese shipping companies, officials in Seoul said in update number " + i + ".",
          "The inter-Korean liaison office in Kaesong had been staffed by both Koreas since last year.");
      send(published(p, "outlet-" + (i % 6), start.plus(java.time.Duration.ofMinutes(3L * i))));
    }
    List<Alert> bursts = alerts.readValuesToList().stream().filter(a -> a.ruleId().equals(Rule.BURST_RULE_ID)).toList();
    assertThat(bursts).hasSize(1);
    Alert burst = bursts.get(0);
    assertThat(burst.snippet()).matches("\\d+ articles from \\d+ sources in the last 60 minutes: .*");
    java.util.Map<String, Story> latest = new java.util.LinkedHashMap<>();
    stories.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    Story korea = latest.get(burst.storyId());
    assertThat(korea.articleCount()).isEqualTo(10);
    assertThat(korea.burstAt()).isNotNull();
    assertThat(latest.values()).filteredOn(s -> !s.id().equals(korea.id())).allSatisfy(s -> assertThat(s.burstAt()).isNull());
    // Counted as an operator sees it: two stories started, nine articles joined one, one burst.
    assertThat(storyEvents("started")).isEqualTo(2);
    assertThat(storyEvents("joined")).isEqualTo(9);
    assertThat(storyEvents("burst")).isEqualTo(1);
    assertThat(storyEvents("closed")).isZero();
  }

  private double storyEvents(String event) {
    return registry.get(ProcessMetrics.STORY_EVENTS).tag("event", event).counter().count();
  }

  @Test
  void aStoryNoArticleJoinedWithinTheWindowIsWrittenClosedAndCounted() {
    java.time.Instant start = java.time.Instant.parse("2019-03-22T09:00:00Z");
    send(published(MARATHON, "sports-desk", start));
    send(published(LIAISON, "test", start.plus(java.time.Duration.ofDays(4))));
    java.util.List<Story> written = stories.readValuesToList();
    assertThat(written).filteredOn(Story::closed).singleElement()
        .satisfies(s -> assertThat(s.headline()).containsIgnoringCase("marathon"));
    assertThat(storyEvents("closed")).isEqualTo(1);
    assertThat(storyEvents("started")).isEqualTo(2);
  }
}
