package io.wirewatch.process.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99Codec;
import org.apache.lucene.codecs.memory.DirectPostingsFormat;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.monitor.MonitorConfiguration;

/**
 * How the Monitor stores the rule index: in memory, with its postings held as plain arrays, and
 * with a way to merge it into one segment after a large change.
 *
 * <p>Why: per article the presearcher looks up each of the article's words in the rule index,
 * once per presearcher pass and field, and once per index segment. With Lucene's default
 * compressed terms dictionary and the seven segments a bulk load of 350,000 rules leaves behind,
 * those lookups were a third of the matching time. Measured at 350,000 rules with the
 * {@code bench match} workload, two variants built in one JVM and timed article by article in
 * turn (CPU time of the matching thread): one segment after the bulk load 1.32 times as fast as
 * seven; {@link DirectPostingsFormat} (lucene-codecs: sorted term arrays, no block decoding) 1.05
 * times more; both 1.38 times. The postings arrays cost heap beside the index files, which
 * {@code bench match} reports per rule. The rule index is rebuilt from {@code news.rules} at every
 * start, so nothing depends on the format on disk.
 */
final class QueryIndexConfiguration extends MonitorConfiguration {

  private volatile IndexWriter writer;

  @Override
  public IndexWriter buildIndexWriter() throws IOException {
    IndexWriter built = super.buildIndexWriter();
    writer = built;
    return built;
  }

  @Override
  protected IndexWriterConfig getIndexWriterConfig() {
    // Monitor's own defaults (keyword analyzer, tiered merges), with the postings in memory.
    IndexWriterConfig config = super.getIndexWriterConfig();
    config.setCodec(new DirectPostingsCodec());
    return config;
  }

  /**
   * Merges the rule index into one segment. The Monitor sees the merged index at its next commit,
   * so the caller commits (an empty registration does) right after.
   */
  void compact() {
    IndexWriter w = writer;
    if (w == null) {
      throw new IllegalStateException("the rule index has no writer yet");
    }
    try {
      w.forceMerge(1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge the rule index", e);
    }
  }

  /** Segments of the rule index as last committed, for tests. */
  int segments() throws IOException {
    IndexWriter w = writer;
    return w == null ? 0 : SegmentInfos.readLatestCommit(w.getDirectory()).size();
  }

  /** The current default codec with every field's postings in memory. */
  private static final class DirectPostingsCodec extends Lucene99Codec {
    private final PostingsFormat direct = new DirectPostingsFormat();

    @Override
    public PostingsFormat getPostingsFormatForField(String field) {
      return direct;
    }
  }
}
