package io.wirewatch.process.story;

import io.wirewatch.model.CountryMention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Assigns each article to a story, online, in arrival order: the article joins the most probable
 * active story when the model's probability reaches its threshold, or starts a story.
 *
 * <p>Per article: analyse (or take a {@link TextAnalysis} computed upstream), weight by the IDF of
 * the articles seen so far, look up the {@link StoryConfig#queryTerms()} heaviest terms in the
 * candidate index, score the {@link StoryConfig#candidates()} best stories with {@link StoryModel},
 * then update the story, the index and the document frequencies. Nothing here grows with the
 * number of stories except the length of the posting lists read, which {@link StoryConfig#maxPostings()}
 * bounds.
 *
 * <p>Deterministic: all state is in the {@link StoryState} (the index is derived from it); event
 * time comes from the article or the caller, never the clock; ties go to the smaller story id; a
 * story's id is its first article's id (with {@code -2}, {@code -3}... if that id is taken). The
 * same articles in the same order from the same state give the same stories, before and after a
 * restore. Not thread-safe: one assigner per language, fed by one thread.
 */
public final class StoryAssigner {

  private static final int HEADLINE_FALLBACK_CHARS = 160;

  private final StoryState state;
  private final StoryAnalyzer analyzer;
  private final StoryModel model;
  private final StoryConfig config;
  private final CandidateIndex index;

  /** An assigner over {@code state}; the candidate index is built from the stories it already holds. */
  public StoryAssigner(StoryState state, StoryAnalyzer analyzer, StoryModel model, StoryConfig config) {
    this.state = Objects.requireNonNull(state, "state");
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.model = Objects.requireNonNull(model, "model");
    this.config = Objects.requireNonNull(config, "config");
    this.index = new CandidateIndex(config.maxPostings());
    rebuildIndex();
  }

  /** With the bundled analyzer and model and the default bounds. */
  public static StoryAssigner withDefaults(StoryState state) {
    return new StoryAssigner(state, StoryAnalyzer.bundled(), StoryModel.bundled(), StoryConfig.DEFAULT);
  }

  public StoryModel model() {
    return model;
  }

  public StoryConfig config() {
    return config;
  }

  public StoryAnalyzer analyzer() {
    return analyzer;
  }

  /** Stories in the candidate index (active, or expired and not closed yet). */
  public int indexedStories() {
    return index.size();
  }

  /**
   * Rebuilds the candidate index from the stories in the state: what a restarted or failed-over
   * instance does once its stores are restored. Returns the number of stories indexed.
   */
  public int rebuildIndex() {
    index.clear();
    state.forEachStory(index::put);
    return index.size();
  }

  /**
   * Assigns an article.
   *
   * @param fallbackTime event time when the article has no {@code published} (e.g. the record's
   *                     timestamp); may be null only when the article has one
   */
  public StoryAssignment assign(StoryItem item, Instant fallbackTime) {
    return assign(item, analyzer.analyze(item.title(), item.text()), fallbackTime);
  }

  /** Assigns an article whose analysis was computed already (it depends on the article alone). */
  public StoryAssignment assign(StoryItem item, TextAnalysis analysis, Instant fallbackTime) {
    Evaluation e = evaluate(item, analysis, fallbackTime, null);
    StoryCandidate best = e.candidates.isEmpty() ? null : e.candidates.get(0);
    StoryCandidate copy = null;
    for (StoryCandidate c : e.candidates) {
      if (c.duplicate() >= config.duplicateJaccard() && (copy == null || c.duplicate() > copy.duplicate())) {
        copy = c;
      }
    }
    if (copy != null) {
      return commit(e, copy.storyId(), copy.score(), true);
    }
    if (best != null && best.score() >= model.threshold()) {
      return commit(e, best.storyId(), best.score(), false);
    }
    return commit(e, null, best == null ? 0 : best.score(), false);
  }

  /**
   * Closes every story inactive for longer than the window at {@code now} (event time): removes it
   * from the state and the index and returns it, oldest first. Whether or when this is called does
   * not change any assignment, since an expired story is never joined; it only frees the state.
   */
  public List<Story> closeExpired(Instant now) {
    long before = now.minus(config.window()).toEpochMilli();
    List<Story> closed = new ArrayList<>();
    for (String id : index.lastSeenBefore(before)) {
      Story s = state.story(id);
      index.remove(id);
      state.removeStory(id);
      if (s != null) {
        closed.add(s);
      }
    }
    return closed;
  }

  /**
   * Scores the article against every active story, without the candidate index and without
   * changing anything: the exhaustive scan the index exists to avoid, kept for benchmarks (its cost
   * grows with the number of stories) and for tests of the index's recall. Best first.
   */
  public List<StoryCandidate> scoreAllActive(StoryItem item, Instant fallbackTime) {
    TextAnalysis analysis = analyzer.analyze(item.title(), item.text());
    Instant time = item.published() != null ? item.published() : fallbackTime;
    long n = state.documentCount();
    TermVector tf = analysis.text();
    float[] idf = new float[tf.size()];
    long[] df = new long[tf.size()];
    for (int i = 0; i < idf.length; i++) {
      df[i] = state.documentFrequency(tf.terms()[i]);
      idf[i] = (float) Math.log((n + config.priorDocuments() + 1.0) / (df[i] + 0.5));
    }
    ItemVectors vectors = weigh(analysis, idf, df);
    List<StoryCandidate> out = new ArrayList<>();
    state.forEachStory(s -> {
      if (s.activeAt(time, config.window())) {
        double[] f = StoryFeatures.compute(vectors, analysis, s);
        out.add(new StoryCandidate(s.id(), s.headline(), model.probability(f), f, StoryFeatures.duplicate(analysis, s)));
      }
    });
    out.sort(Comparator.comparingDouble(StoryCandidate::score).reversed().thenComparing(StoryCandidate::storyId));
    return out;
  }

  // ---- the two steps, package-private so that the trainer can replay gold assignments ----

  /** An article weighed and scored against its candidate stories (nothing changed yet). */
  static final class Evaluation {
    final StoryItem item;
    final TextAnalysis analysis;
    final ItemVectors vectors;
    final long[] frequencies;
    final Instant time;
    final List<StoryCandidate> candidates;
    final TreeMap<String, Story> stories;
    final List<String> retrieved;

    Evaluation(StoryItem item, TextAnalysis analysis, ItemVectors vectors, long[] frequencies, Instant time,
        List<StoryCandidate> candidates, TreeMap<String, Story> stories, List<String> retrieved) {
      this.item = item;
      this.analysis = analysis;
      this.vectors = vectors;
      this.frequencies = frequencies;
      this.time = time;
      this.candidates = candidates;
      this.stories = stories;
      this.retrieved = retrieved;
    }
  }

  /** Scores the article against its candidates; {@code extra}, when active, is scored as well. */
  Evaluation evaluate(StoryItem item, TextAnalysis analysis, Instant fallbackTime, String extra) {
    Objects.requireNonNull(item, "item");
    Instant time = item.published() != null ? item.published() : fallbackTime;
    if (time == null) {
      throw new IllegalArgumentException("article " + item.id() + " has no published time and no fallback time was given");
    }
    long n = state.documentCount();
    TermVector tf = analysis.text();
    long[] df = new long[tf.size()];
    float[] idf = new float[tf.size()];
    for (int i = 0; i < df.length; i++) {
      df[i] = state.documentFrequency(tf.terms()[i]);
      idf[i] = (float) Math.log((n + config.priorDocuments() + 1.0) / (df[i] + 0.5));
    }
    ItemVectors vectors = weigh(analysis, idf, df);
    long activeSince = time.minus(config.window()).toEpochMilli();
    List<String> retrieved = index.candidates(vectors.queryTerms(), vectors.queryWeights(), activeSince, config.candidates());
    List<String> ids = new ArrayList<>(retrieved);
    if (extra != null && !ids.contains(extra)) {
      ids.add(extra);
    }
    List<StoryCandidate> candidates = new ArrayList<>(ids.size());
    TreeMap<String, Story> stories = new TreeMap<>();
    for (String id : ids) {
      Story s = state.story(id);
      if (s == null || !s.activeAt(time, config.window())) {
        continue;
      }
      double[] f = StoryFeatures.compute(vectors, analysis, s);
      candidates.add(new StoryCandidate(id, s.headline(), model.probability(f), f, StoryFeatures.duplicate(analysis, s)));
      stories.put(id, s);
    }
    candidates.sort(Comparator.comparingDouble(StoryCandidate::score).reversed().thenComparing(StoryCandidate::storyId));
    return new Evaluation(item, analysis, vectors, df, time, candidates, stories, retrieved);
  }

  /** Adds the article to story {@code join} (null: starts one) and counts its terms. */
  StoryAssignment commit(Evaluation e, String join, double score, boolean duplicate) {
    Story story;
    List<StoryCandidate> candidates = e.candidates;
    if (join == null) {
      story = start(e);
    } else {
      Story s = e.stories.get(join);
      if (s == null) {
        throw new IllegalArgumentException("story " + join + " was not a candidate of article " + e.item.id());
      }
      story = add(s, e, score);
      if (!candidates.isEmpty() && !candidates.get(0).storyId().equals(join)) {
        candidates = new ArrayList<>(candidates);
        StoryCandidate joined = candidates.stream().filter(c -> c.storyId().equals(join)).findFirst().orElseThrow();
        candidates.remove(joined);
        candidates.add(0, joined);
      }
    }
    state.putStory(story);
    index.put(story);
    String[] terms = e.analysis.text().terms();
    for (int i = 0; i < terms.length; i++) {
      state.putDocumentFrequency(terms[i], e.frequencies[i] + 1);
    }
    state.putDocumentCount(state.documentCount() + 1);
    return new StoryAssignment(e.item.id(), story.id(), join == null, duplicate, score, model.threshold(), e.time, story, candidates,
        List.of(e.vectors.queryTerms()));
  }

  private ItemVectors weigh(TextAnalysis a, float[] idf, long[] df) {
    TermVector tf = a.text();
    float[] w = new float[tf.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = tf.weights()[i] * idf[i];
    }
    TermVector text = TermVector.of(tf.terms(), w).normalized();
    TermVector title = weighSubset(a.title(), tf, idf);
    TermVector entities = weighSubset(a.entities(), tf, idf);
    // Query by the heaviest terms seen before: a term no earlier article had (the heaviest, by IDF)
    // cannot be filed under any story, and would only push the useful terms out of the query.
    int seen = 0;
    for (long f : df) {
      seen += f > 0 ? 1 : 0;
    }
    String[] st = new String[seen];
    float[] sw = new float[seen];
    for (int i = 0, k = 0; i < df.length; i++) {
      if (df[i] > 0) {
        st[k] = text.terms()[i];
        sw[k++] = text.weights()[i];
      }
    }
    TermVector known = new TermVector(st, sw, 0f);
    String[] query = known.termsByWeight(config.queryTerms());
    List<String> numbers = new ArrayList<>();
    for (String t : text.terms()) {
      if (StoryFeatures.number(t)) {
        numbers.add(t);
      }
    }
    return new ItemVectors(text, title, entities, query, weightsOf(query, text), numbers.toArray(new String[0]));
  }

  private static float[] weightsOf(String[] terms, TermVector v) {
    float[] w = new float[terms.length];
    for (int i = 0; i < terms.length; i++) {
      w[i] = v.weights()[v.indexOf(terms[i])];
    }
    return w;
  }

  /** Title and entity terms are text terms too, so their IDF is found there. */
  private static TermVector weighSubset(TermVector v, TermVector all, float[] idf) {
    float[] w = new float[v.size()];
    for (int i = 0; i < w.length; i++) {
      int k = all.indexOf(v.terms()[i]);
      w[i] = v.weights()[i] * (k >= 0 ? idf[k] : 1f);
    }
    return TermVector.of(v.terms(), w).normalized();
  }

  private Story start(Evaluation e) {
    StoryItem item = e.item;
    String id = item.id();
    for (int k = 2; state.story(id) != null; k++) {
      id = item.id() + "-" + k;
    }
    ItemVectors v = e.vectors;
    TermVector text = v.text().top(config.textTerms());
    List<String> sources = item.source() == null ? List.of() : List.of(item.source());
    List<CountryMention> countries = e.analysis.countries().stream()
        .map(m -> new CountryMention(m.code(), 1)).limit(config.maxCountries()).toList();
    return new Story(id, item.language(), headline(item), item.id(), 0f, e.time, e.time, 1, sources.size(), sources,
        List.of(article(item)), countries, List.of(text.termsByWeight(config.indexTerms())), text,
        v.entities().top(config.entityTerms()), e.analysis.cased() ? 1 : 0, List.of(e.analysis.signature()));
  }

  private Story add(Story s, Evaluation e, double score) {
    StoryItem item = e.item;
    ItemVectors v = e.vectors;
    TermVector text = s.text().plus(v.text(), config.textTerms());
    String headline = s.headline();
    String headlineId = s.headlineArticleId();
    // The first article's similarity to the rest is the second's to it: the relation is symmetric.
    float incumbent = s.articleCount() == 1 ? (float) score : s.headlineScore();
    float headlineScore = incumbent;
    if (score > incumbent) {
      headline = headline(item);
      headlineId = item.id();
      headlineScore = (float) score;
    }
    List<String> sources = s.sources();
    int sourceCount = s.sourceCount();
    if (item.source() != null && !sources.contains(item.source())) {
      sourceCount++;
      if (sources.size() < config.maxSources()) {
        sources = new ArrayList<>(sources);
        sources.add(item.source());
      }
    }
    List<StoryArticle> latest = new ArrayList<>(config.latestArticles());
    latest.add(article(item));
    for (int i = 0; i < s.latestArticles().size() && latest.size() < config.latestArticles(); i++) {
      latest.add(s.latestArticles().get(i));
    }
    List<int[]> signatures = new ArrayList<>(config.signatures());
    signatures.add(s.signatures().get(0));
    if (config.signatures() > 1) {
      signatures.add(e.analysis.signature());
      for (int i = 1; i < s.signatures().size() && signatures.size() < config.signatures(); i++) {
        signatures.add(s.signatures().get(i));
      }
    }
    Instant first = e.time.isBefore(s.firstSeen()) ? e.time : s.firstSeen();
    Instant last = e.time.isAfter(s.lastSeen()) ? e.time : s.lastSeen();
    return new Story(s.id(), s.language(), headline, headlineId, headlineScore, first, last, s.articleCount() + 1,
        sourceCount, sources, latest, mergeCountries(s.countries(), e.analysis.countries()),
        List.of(text.termsByWeight(config.indexTerms())), text, s.entities().plus(v.entities(), config.entityTerms()),
        s.casedArticles() + (e.analysis.cased() ? 1 : 0), signatures);
  }

  private List<CountryMention> mergeCountries(List<CountryMention> story, List<CountryMention> article) {
    if (article.isEmpty()) {
      return story;
    }
    TreeMap<String, Integer> counts = new TreeMap<>();
    story.forEach(m -> counts.put(m.code(), m.count()));
    article.forEach(m -> counts.merge(m.code(), 1, Integer::sum));
    return counts.entrySet().stream()
        .map(en -> new CountryMention(en.getKey(), en.getValue()))
        .sorted(Comparator.comparingInt(CountryMention::count).reversed().thenComparing(CountryMention::code))
        .limit(config.maxCountries())
        .toList();
  }

  private static String headline(StoryItem item) {
    if (!item.title().isBlank()) {
      return item.title().strip();
    }
    String t = item.text().strip();
    return t.length() <= HEADLINE_FALLBACK_CHARS ? t : t.substring(0, HEADLINE_FALLBACK_CHARS) + "…";
  }

  private static StoryArticle article(StoryItem item) {
    return new StoryArticle(item.id(), item.url(), item.title(), item.source(), item.published());
  }
}
