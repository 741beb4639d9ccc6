package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `wirewatch feed` reports bad input through the shared handler: "wirewatch: reason", exit code 2. */
class FeedCommandTest {

  @TempDir
  Path dir;


  private CommandRun last;

  private int run(String... args) {
    last = CommandRun.of(args);
    return last.exitCode;
  }

  @Test
  void missingFileIsBadInput() {
    assertThat(run("feed", dir.resolve("absent.xml").toString())).isEqualTo(2);
    assertThat(last.err).startsWith("wirewatch: no such file").contains("absent.xml");
  }

  @Test
  void fileThatIsNoFeedIsBadInputWithTheReadersReason() throws Exception {
    Path memo = Files.writeString(dir.resolve("memo.xml"), "<?xml version=\"1.0\"?><memo><to>A</to></memo>");

    assertThat(run("feed", memo.toString())).isEqualTo(2);
    assertThat(last.err).startsWith("wirewatch: not a readable feed").contains("<memo>");
  }

  @Test
  void readableFeedExitsZero() throws Exception {
    Path feed = Files.writeString(dir.resolve("ok.xml"), "<rss version=\"2.0\"><channel><title>c</title>"
        + "<link>https://n.example/</link><description>d</description><item><title>One</title>"
        + "<link>https://n.example/one</link></item></channel></rss>");

    assertThat(run("feed", feed.toString())).isZero();
    assertThat(last.err).isEmpty();
  }
}
