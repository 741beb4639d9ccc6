package io.wirewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code wirewatch} command (such as {@code ingest}) run in a child JVM, as a user runs it, so
 * that its CPU and memory are measured apart from the broker and the fixtures of the bench's own
 * JVM. The child gets the same java, class path and, by default, the same JVM options as the bench
 * (the launcher's options); its output goes to a log file.
 */
final class ChildCommand implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildCommand(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code wirewatch COMMAND --bootstrap-servers BOOTSTRAP --set K=V ...}.
   *
   * @param jvmOptions options of the child JVM (heap, GC), e.g. {@link #launcherOptions()}
   */
  static ChildCommand start(BenchEnvironment env, String command, String bootstrap, Map<String, String> settings,
      List<String> jvmOptions, Path log) throws IOException {
    List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", bootstrap));
    settings.forEach((k, v) -> {
      args.add("--set");
      args.add(k + "=" + v);
    });
    Process p = new ProcessBuilder(env.childCommand(jvmOptions, args))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildCommand(command, p, log);
  }

  /** The heap and GC options of this JVM, i.e. what the launcher gives every command. */
  static List<String> launcherOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-X") || a.startsWith("-XX:"))
        .toList();
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Fails with the log's location when the child has exited (a bad option, no broker...). */
  void checkAlive() {
    if (!process.isAlive()) {
      // The measured process failed, not the bench: its own last word, as an I/O failure is reported.
      String message = "the " + name + " process exited with code " + process.exitValue() + lastWord() + "; see " + log;
      throw new UncheckedIOException(message, new IOException(message));
    }
  }

  /** The child's one-line reason for stopping ("wirewatch: ..."), if it printed one. */
  private String lastWord() {
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.startsWith("wirewatch: ")).reduce((a, b) -> b).map(l -> ": " + l.substring(11)).orElse("");
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** CPU time of the whole child process (all its threads, GC and JIT included), in nanoseconds. */
  long cpuNanos() {
    return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** Peak resident set size since the child started (VmHWM), in KB, or -1 where /proc is missing. */
  long peakRssKb() {
    return procStatusKb(process.pid(), "VmHWM:");
  }

  /** Resident set size now (VmRSS), in KB, or -1. */
  long rssKb() {
    return procStatusKb(process.pid(), "VmRSS:");
  }

  /** A line of /proc/PID/status in KB ({@code self} for this JVM), or -1. */
  static long procStatusKb(Object pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** SIGTERM, so the child closes its Kafka clients cleanly as after Ctrl-C; killed if it hangs. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
