package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the command line tells its user when something is wrong, and with which exit code. */
class WirewatchTest {


  private CommandRun last;

  private int run(String... args) {
    last = CommandRun.of(args);
    return last.exitCode;
  }

  @Test
  void aMistypedSettingIsRefusedNamingTheKeyWhereItCameFromAndTheKeyMeant() {
    assertThat(run("match", "--set", "ingest.poll.intervall=1m", "--rules", "none.yaml", "x.html")).isEqualTo(2);
    assertThat(last.err).startsWith("wirewatch: unknown setting 'ingest.poll.intervall' (from command line)")
        .contains("did you mean 'ingest.poll.interval'?");
  }

  @Test
  void aBadDurationIsRefusedNamingTheOption() {
    assertThat(run("tail", "news.alerts", "--idle", "soon")).isEqualTo(2);
    assertThat(last.err).contains("'--idle'").contains("a duration such as 500ms, 30s, 5m, 2h or 7d");
  }

  @Test
  void badInputIsOneLineWithExitTwo() {
    assertThat(run("extract", "no/such/page.html")).isEqualTo(2);
    assertThat(last.err.strip()).isEqualTo("wirewatch: FILE: no such file or directory: no/such/page.html");
  }

  @Test
  void aConsoleSettingOutOfRangeIsBadInputBeforeAnyBrokerIsAsked() {
    assertThat(run("console", "--bootstrap-servers", "127.0.0.1:1", "--port", "70000")).isEqualTo(2);
    assertThat(last.err.strip()).startsWith("wirewatch: console.port = '70000' (from command line)");
    assertThat(run("console", "--bootstrap-servers", "127.0.0.1:1", "--set", "console.preview.max-time=0s"))
        .isEqualTo(2);
    assertThat(last.err).contains("console.preview.max-time");
  }

  @Test
  void anyOtherExceptionIsReportedAsABugWithExitOne() {
    StringWriter err = new StringWriter();
    CommandLine cl = Wirewatch.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertThat(Wirewatch.report(new IllegalArgumentException("index 3 out of range"), cl, null)).isEqualTo(1);
    assertThat(err.toString()).startsWith("wirewatch: internal error, please report it: ")
        .contains("index 3 out of range");
  }
}
