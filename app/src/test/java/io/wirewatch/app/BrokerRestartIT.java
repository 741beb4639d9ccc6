package io.wirewatch.app;

import static io.wirewatch.app.ArticleWatch.seconds;
import static io.wirewatch.app.ProcessOutputs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.model.Topics;
import io.wirewatch.model.config.Settings;
import io.wirewatch.process.ProcessConfig;
import io.wirewatch.process.ProcessService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker dies under a running process stage: {@code wirewatch broker} in a child JVM is killed
 * with SIGKILL while the stage processes a stream of raw pages, then started again on the same port
 * and data directory. The stage (here in the test's JVM, so that its state can be checked) must
 * ride it out and resume where it was, with exact counts read with {@code read_committed}, within
 * 20 s of the broker's return (measured: about a second).
 *
 * <p>{@code -Dwirewatch.faults.long=true}: four times the records and two broker kills.
 */
class BrokerRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final int RATE = 40;

  @TempDir
  Path dir;

  @Test
  void theProcessStageResumesAfterTheBrokerIsKilledAndRestartedWithExactCounts() throws Exception {
    boolean longRun = ProcessFaultsIT.LONG;
    int port = freePort();
    String bootstrap = "127.0.0.1:" + port;
    String prefix = "restart.";
    String app = "broker-restart-it";
    Topics topics = Topics.withPrefix(prefix);
    List<String> brokerArgs = List.of("broker", "--port", String.valueOf(port), "--data-dir",
        dir.resolve("broker").toString(), "--set", "app.topics.prefix=" + prefix);
    Path log = ChildWirewatch.logFile("BrokerRestartIT", "broker.log");
    GeneratedNews news = GeneratedNews.generate(topics, longRun ? 400 : 100, 21);
    List<GeneratedNews.Raw> records = news.records();
    int kills = longRun ? 2 : 1;
    List<String> figures = new ArrayList<>();

    ChildWirewatch broker = ChildWirewatch.start("broker", log, brokerArgs);
    try {
      broker.awaitLine("Kafka broker on " + bootstrap, WAIT); // topics created too
      ProcessConfig config = ProcessConfig.from(Settings.builder().defaultsResource(ProcessConfig.DEFAULTS)
          .overrides(Map.of("process.application-id", app)).build()).withStateDir(dir.resolve("state"));
      try (ProcessService service = new ProcessService(bootstrap, config, topics, Clock.systemUTC());
          RawWriter writer = new RawWriter(bootstrap, topics.raw().name());
          ArticleWatch watch = new ArticleWatch(bootstrap, topics.articles().name())) {
        service.start();
        writer.writeAll(records.subList(0, 20));
        await(() -> watch.count() > 0, WAIT, "the first article");
        writer.startWriting(records.subList(20, records.size()), RATE);
        for (int k = 1; k <= kills; k++) {
          int target = news.articleIds().size() * k / (kills + 1);
          await(() -> watch.count() >= target, WAIT, target + " articles");
          assertThat(watch.count()).as("articles when killed: mid-stream").isLessThan(news.articleIds().size());
          long killedAt = broker.kill();
          broker = ChildWirewatch.start("broker", log, brokerArgs);
          broker.awaitLine("Kafka broker on " + bootstrap, WAIT);
          long upAt = System.nanoTime();
          // Measured from the broker's return: what was committed in the last moments before the
          // kill, and not yet fetched by the watch, becomes visible only then (hence the grace).
          await(() -> watch.resumed(upAt, null) || service.failure().isDone(), WAIT, "an article after the restart");
          assertThat(service.failure()).as("the process stage rides the outage out").isNotDone();
          long resumedAt = watch.resumedAt(upAt, null);
          String figure = String.format(Locale.ROOT,
              "broker kill %d of %d at %d articles: broker down for %.1f s; kill -> next article %.1f s, "
                  + "broker up -> next article %.1f s",
              k, kills, target, seconds(upAt - killedAt), seconds(resumedAt - killedAt), seconds(resumedAt - upAt));
          System.out.println("BrokerRestartIT: " + figure);
          figures.add(figure);
          // Reconnecting is a matter of a second; 20 s would mean the stage waits for one of its
          // clients' timeouts (30 s requests, 45 s session, 60 s blocking sends) instead.
          assertThat(seconds(resumedAt - upAt)).as(figure).isLessThan(20.0);
        }
        writer.awaitDone(WAIT);
        ProcessOutputs.awaitDrained(bootstrap, app, topics, WAIT);
        await(() -> ProcessOutputs.read(bootstrap, topics).complete(news), WAIT, "every article, dead letter and alert");
        assertThat(service.failure()).isNotDone();
      }
      ProcessOutputs out = ProcessOutputs.read(bootstrap, topics);
      out.assertExactlyOnce(news);
      System.out.println("BrokerRestartIT: " + out.articles.size() + " articles, " + out.deadLetters.size()
          + " dead letters, " + out.alerts.size() + " alert records exactly once after " + kills + " broker kill(s); "
          + figures);
    } finally {
      broker.close();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
