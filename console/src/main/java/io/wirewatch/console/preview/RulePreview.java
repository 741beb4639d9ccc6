package io.wirewatch.console.preview;

import io.wirewatch.console.ConsoleConfig;
import io.wirewatch.console.edit.QueryProblem;
import io.wirewatch.console.edit.RuleRejected;
import io.wirewatch.model.Article;
import io.wirewatch.model.Rule;
import io.wirewatch.process.alert.RuleBook;
import io.wirewatch.process.alert.RuleMatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs previews on a small pool of their own, so that a long scan never holds an HTTP thread: a
 * caller starts one, waits for it a little, and reads its progress by id afterwards.
 */
public final class RulePreview implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RulePreview.class);

  /** The retained articles, as the console's views give them. */
  public interface Articles {
    /** Articles retained now. */
    long count();

    /** Hands each article to {@code each} until it returns false. */
    void scan(Predicate<Article> each);
  }

  private final Articles articles;
  private final Function<String, Optional<String>> storyHeadline;
  private final ConsoleConfig.Preview limits;
  private final Clock clock;
  private final Semaphore slots;
  private final ExecutorService pool;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private volatile boolean closing;

  /**
   * @param storyHeadline the headline of a story by id, for the story shown with each match
   */
  public RulePreview(Articles articles, Function<String, Optional<String>> storyHeadline, ConsoleConfig.Preview limits,
      Clock clock) {
    this.articles = articles;
    this.storyHeadline = storyHeadline;
    this.limits = limits;
    this.clock = clock;
    this.slots = new Semaphore(limits.maxRunning());
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(limits.maxRunning(), r -> {
      Thread t = new Thread(r, "console-preview-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts a preview of {@code rule} (its query and filters; whether it is enabled does not matter).
   *
   * @throws RuleRejected when the query does not parse
   * @throws PreviewBusy  when as many previews as allowed are running
   */
  public Job start(Rule rule) {
    purge();
    Rule enabled = new Rule(rule.id(), rule.query(), rule.severity(), rule.description(), true, rule.window(),
        rule.filters(), rule.version());
    RuleBook book = new RuleBook(List.of(enabled));
    if (!book.errors().isEmpty()) {
      book.close();
      throw new RuleRejected(rule.id(), QueryProblem.of(book.errors().get(0).reason()));
    }
    if (!slots.tryAcquire()) {
      book.close();
      throw new PreviewBusy(limits.maxRunning());
    }
    Job job = new Job(UUID.randomUUID().toString(), enabled, articles.count());
    jobs.put(job.id, job);
    try {
      pool.execute(() -> {
        try (book) {
          job.run(book);
        } catch (RuntimeException | Error e) {
          LOG.error("preview {} of '{}' failed", job.id, enabled.query(), e);
          job.finish("error");
        } finally {
          slots.release();
        }
      });
    } catch (RuntimeException e) {
      slots.release();
      book.close();
      jobs.remove(job.id);
      throw e;
    }
    return job;
  }

  public Optional<Job> find(String id) {
    purge();
    return Optional.ofNullable(jobs.get(id));
  }

  private void purge() {
    Instant horizon = Instant.now(clock).minus(limits.keep());
    jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(horizon));
  }

  @Override
  public void close() {
    closing = true;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One preview: its scan, and its progress for readers on other threads. */
  public final class Job {
    private final String id;
    private final Rule rule;
    private final long total;
    private final CountDownLatch done = new CountDownLatch(1);
    /** The newest matches, oldest on top so that it is the one dropped. */
    private final PriorityQueue<PreviewMatch> newest = new PriorityQueue<>(NEWEST_FIRST.reversed());
    private volatile long scanned;
    private volatile long matched;
    private volatile long elapsedMs;
    private volatile String stoppedBy;
    private volatile Instant finishedAt;

    Job(String id, Rule rule, long total) {
      this.id = id;
      this.rule = rule;
      this.total = total;
    }

    public String id() {
      return id;
    }

    private void run(RuleBook book) {
      long t0 = System.nanoTime();
      long deadline = t0 + limits.maxTime().toNanos();
      String[] stop = {null};
      articles.scan(a -> {
        if (closing) {
          stop[0] = "shutdown";
          return false;
        }
        if (scanned >= limits.maxArticles()) {
          stop[0] = "articles";
          return false;
        }
        if (System.nanoTime() > deadline) {
          stop[0] = "time";
          return false;
        }
        scanned++;
        if (rule.filters().accepts(a)) {
          List<RuleMatch> m = book.match(a.title(), a.text());
          if (!m.isEmpty()) {
            keep(a, m.get(0));
          }
        }
        elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        return true;
      });
      elapsedMs = (System.nanoTime() - t0) / 1_000_000;
      finish(stop[0]);
    }

    private void keep(Article a, RuleMatch m) {
      PreviewMatch pm = new PreviewMatch(a.id(), a.url(), a.title(), a.sourceId(),
          a.published() != null ? a.published() : a.fetchedAt(), m.terms(), m.snippet(), m.hits(), a.storyId(), null);
      synchronized (newest) {
        matched++;
        newest.add(pm);
        if (newest.size() > limits.maxMatches()) {
          newest.poll();
        }
      }
    }

    private void finish(String reason) {
      stoppedBy = reason;
      finishedAt = Instant.now(clock);
      done.countDown();
    }

    /** Waits at most {@code d} for the scan to end; true when it has. */
    public boolean await(Duration d) throws InterruptedException {
      return done.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where the scan stands now. */
    public PreviewResult result() {
      boolean isDone = done.getCount() == 0;
      List<PreviewMatch> list;
      long m;
      synchronized (newest) {
        list = new ArrayList<>(newest);
        m = matched;
      }
      list.sort(NEWEST_FIRST);
      List<PreviewMatch> withStories = list.stream().map(p -> p.storyId() == null ? p
          : new PreviewMatch(p.articleId(), p.url(), p.title(), p.sourceId(), p.published(), p.terms(), p.snippet(),
              p.hits(), p.storyId(), storyHeadline.apply(p.storyId()).orElse(null))).toList();
      String why = stoppedBy;
      // A stop reason is only set when an article was left unscanned: it means truncated.
      return new PreviewResult(id, rule.query(), isDone, scanned, total, m, why != null, why, elapsedMs, withStories);
    }
  }

  private static final Comparator<PreviewMatch> NEWEST_FIRST = Comparator
      .comparing((PreviewMatch p) -> p.published() == null ? Instant.EPOCH : p.published()).reversed()
      .thenComparing(PreviewMatch::articleId);
}
