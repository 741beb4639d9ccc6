package io.wirewatch.app;

import io.wirewatch.process.ProcessService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code wirewatch} command in a child JVM, as an operator runs it, for the tests where a
 * process must die the way processes die: {@link #kill()} is {@code kill -9} (SIGKILL, no shutdown
 * hook, no group leave, no transaction aborted), {@link #close()} is Ctrl-C. The child runs this
 * JVM's java on this JVM's class path (the test class path: the same classes the suite tests);
 * stdout and stderr go to a log file that {@link #awaitLine} reads and failures quote.
 */
final class ChildWirewatch implements AutoCloseable {

  /**
   * What {@code bin/wirewatch} gives every command but {@code process}, which gets
   * {@link ProcessService#JVM_OPTIONS}: measured stalls are the product's.
   */
  static final List<String> JVM_OPTIONS = List.of("-Xmx512m");

  /** Children still running; killed when the test JVM exits, so that none outlives its test run. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-children"));
  }

  /** The launcher's logging plus Streams' state transitions and the group's rebalances. */
  private static final String LOGGING = resource("/child-logback.xml");

  private final String name;
  private final Path log;
  private final Process process;
  /** System.nanoTime() when the child was started. */
  final long startedAt;

  /** Where this child's part of the log starts (a restarted child appends to its predecessor's). */
  private final long logStart;

  private ChildWirewatch(String name, Path log, Process process, long startedAt, long logStart) {
    this.name = name;
    this.log = log;
    this.process = process;
    this.startedAt = startedAt;
    this.logStart = logStart;
  }

  /**
   * Starts {@code wirewatch ARGS...}; the log is {@code log}, appended to (a restarted child writes
   * after its predecessor, so one file tells the whole story).
   */
  static ChildWirewatch start(String name, Path log, List<String> args) {
    String java = ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM"));
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(!args.isEmpty() && args.get(0).equals("process") ? ProcessService.JVM_OPTIONS : JVM_OPTIONS);
    cmd.add("-Dlogback.configurationFile=" + LOGGING);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Wirewatch.class.getName());
    cmd.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      note(log, name + " started: wirewatch " + String.join(" ", args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      long t0 = System.nanoTime();
      Process p = pb.start();
      LIVE.add(p);
      p.onExit().thenRun(() -> LIVE.remove(p));
      return new ChildWirewatch(name, log, p, t0, logStart);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start child " + name, e);
    }
  }

  /**
   * A fresh log file under {@code target/fault-logs/TEST/}, kept after the run: when a fault test
   * fails, the children's logs are where the reason is.
   */
  static Path logFile(String test, String name) {
    Path f = Path.of("target", "fault-logs", test, name).toAbsolutePath();
    try {
      Files.createDirectories(f.getParent());
      Files.deleteIfExists(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  /** A line of the test's own in the log, with the time, so that the children's lines read against it. */
  private static void note(Path log, String what) {
    String line = "=== " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + what
        + System.lineSeparator();
    try {
      Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try {
      return Path.of(ChildWirewatch.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " missing", e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Fails with the end of the log when the child is no longer running. */
  void checkAlive() {
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited with code " + process.exitValue() + "; its log ends:\n" + tail(40));
    }
  }

  /**
   * {@code kill -9}, and waits until the process is gone.
   *
   * @return System.nanoTime() at the moment the signal was sent
   */
  long kill() throws InterruptedException {
    long at = System.nanoTime();
    process.destroyForcibly();
    note(log, name + " (pid " + pid() + ") killed with SIGKILL");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " (pid " + pid() + ") still runs 30 s after SIGKILL");
    }
    return at;
  }

  /** Waits until a line this child logged contains {@code text}; fails early if the child exits. */
  void awaitLine(String text, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!logText().contains(text)) {
      if (!process.isAlive()) {
        checkAlive();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not log '" + text + "' within " + max + "; its log ends:\n" + tail(40));
      }
      Thread.sleep(100);
    }
  }

  /** What this child logged so far (not its predecessors on the same log). */
  String logText() {
    try {
      byte[] all = Files.readAllBytes(log);
      return new String(all, (int) Math.min(logStart, all.length), all.length - (int) Math.min(logStart, all.length),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last {@code lines} lines of the log, for failure messages. */
  String tail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Ctrl-C (SIGTERM): the child closes its clients as an operator's stop would; killed if it hangs. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}
