package io.wirewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirewatch.notify.channel.ChannelsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyCommandTest {

  @Test
  void aBadChannelsFileIsOneLineAndExit2BeforeAnyBrokerIsAsked(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("channels.yaml");
    Files.writeString(f, "channels: [{id: ops, type: slack, url: 'https://hooks.example/x', min-severity: loud}]");
    CommandRun run = CommandRun.of("notify", "--bootstrap-servers", "127.0.0.1:1", "--channels", f.toString());
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err.strip()).isEqualTo("wirewatch: channels file " + f
        + ": channels[0] (ops): key 'min-severity': 'loud' is not a severity; known: info, warning, critical");
  }

  @Test
  void aBadNotifySettingNamesItsKey(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("channels.yaml");
    Files.writeString(f, "channels: [{id: ops, type: webhook, url: 'https://hooks.example/x'}]");
    CommandRun run = CommandRun.of("notify", "--bootstrap-servers", "127.0.0.1:1", "--channels", f.toString(),
        "--set", "notify.updates=sometimes");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("notify.updates = 'sometimes' (from command line)");
    CommandRun typo = CommandRun.of("notify", "--bootstrap-servers", "127.0.0.1:1", "--channels", f.toString(),
        "--set", "notify.retry.max-attempt=3");
    assertThat(typo.exitCode).isEqualTo(2);
    assertThat(typo.err).contains("did you mean 'notify.retry.max-attempts'");
  }

  @Test
  void theDeployedExampleReads() {
    Path example = Path.of("..", "deploy", "channels.example.yaml");
    assertThat(ChannelsFile.read(example, ChannelsFile.env(Map.of()))).singleElement()
        .satisfies(c -> assertThat(c.secret()).isEqualTo("wirewatch-example-secret"));
  }
}
