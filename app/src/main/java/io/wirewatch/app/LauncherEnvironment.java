package io.wirewatch.app;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.bench.BenchEnvironment;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What the launcher gives the benchmarks: its embedded broker and the command line of a child
 * {@code wirewatch} JVM. Also the picocli factory that hands it to every command whose constructor
 * asks for a {@link BenchEnvironment}, so that the bench module never depends on the launcher.
 */
final class LauncherEnvironment implements BenchEnvironment, CommandLine.IFactory {

  @Override
  public Broker startBroker(Path dataDir) {
    EmbeddedKafka kafka = new EmbeddedKafka(dataDir, Map.of()).start();
    return new Broker() {
      @Override
      public String bootstrapServers() {
        return kafka.bootstrapServers();
      }

      @Override
      public void close() {
        kafka.close();
      }
    };
  }

  @Override
  public List<String> childCommand(List<String> jvmOptions, List<String> args) {
    String java = ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM"));
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Wirewatch.class.getName());
    cmd.addAll(args);
    return cmd;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withEnvironment;
    try {
      withEnvironment = cls.getDeclaredConstructor(BenchEnvironment.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
    return withEnvironment.newInstance(this);
  }
}
