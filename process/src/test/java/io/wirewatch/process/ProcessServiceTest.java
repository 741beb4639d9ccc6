package io.wirewatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ProcessServiceTest {

  @Test
  void aThreadOutOfHeapStopsTheInstanceWithWhatToChange() {
    StreamsException wrapped = new StreamsException("failed to process", new OutOfMemoryError("Java heap space"));
    assertThat(ProcessService.outOfHeap(wrapped, 256L << 20))
        .startsWith("the process stage ran out of heap (256 MB: Java heap space)")
        .contains("WIREWATCH_JAVA_OPTS", "JDK_JAVA_OPTIONS", "-Xmx1g");
  }

  @Test
  void otherFailuresAreLeftToTheReplacementRule() {
    assertThat(ProcessService.outOfHeap(new StreamsException("broker gone", new IllegalStateException("x")), 1L << 30))
        .isNull();
    assertThat(ProcessService.outOfHeap(new IllegalStateException("x"), 1L << 30)).isNull();
  }
}
