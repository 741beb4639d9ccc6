package io.wirewatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recorded JVM spent its CPU, from Java Flight Recorder's execution samples: the methods
 * on top of the stack (self time), and the Wirewatch and library steps that contain the samples
 * (inclusive time), so that a benchmark says which step to look at without a profiler's UI.
 */
final class JfrSummary {

  private static final int ROWS = 20;
  /** Steps worth naming inclusively: our packages, and the libraries each step runs on. */
  private static final List<String> STEPS = List.of(
      "io.wirewatch.process.clean.", "io.wirewatch.process.clean.TextQuality",
      "io.wirewatch.process.classify.", "io.wirewatch.process.classify.Taxonomy",
      "io.wirewatch.process.classify.LanguageGuesser", "io.wirewatch.process.classify.CountryGazetteer",
      "io.wirewatch.process.match.", "io.wirewatch.process.alert.RuleBook",
      "io.wirewatch.process.alert.", "io.wirewatch.process.story.", "io.wirewatch.process.dedup.",
      "io.wirewatch.model.JsonSerde", "com.github.pemistahl.lingua.", "org.jsoup.", "org.apache.lucene.",
      "com.fasterxml.jackson.", "org.rocksdb.", "org.apache.kafka.streams.state.",
      "org.apache.kafka.streams.processor.internals.RecordCollector", "org.apache.kafka.clients.producer.",
      "org.apache.kafka.clients.consumer.", "org.apache.kafka.common.compress.", "com.github.luben.zstd.");

  private JfrSummary() {}

  static void print(Path recording, PrintStream out) throws IOException {
    if (!Files.exists(recording)) {
      out.println("no recording at " + recording + " (the process JVM did not stop cleanly?)");
      return;
    }
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      RecordedFrame top = st.getFrames().get(0);
      self.merge(name(top), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : st.getFrames()) {
        String type = f.getMethod().getType().getName();
        for (String step : STEPS) {
          if (type.startsWith(step) && seen.add(step)) {
            inclusive.merge(step, 1, Integer::sum);
          }
        }
      }
      String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
      threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+", "-N"), 1, Integer::sum);
    }
    out.printf(Locale.ROOT, "profile of the process JVM: %d execution samples (%s)%n", samples, recording);
    table(out, "threads", threads, samples);
    table(out, "steps, inclusive (a sample counts once per step on its stack)", inclusive, samples);
    table(out, "methods, self", self, samples);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void table(PrintStream out, String title, Map<String, Integer> counts, int total) {
    out.printf(Locale.ROOT, "%n%s:%n", title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(ROWS)
        .forEach(e -> out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
  }
}
