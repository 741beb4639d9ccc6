package io.wirewatch.process;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process: a block cache shared by all stores of
 * the JVM, with their memtables charged to it, as Kafka Streams' memory-management guide advises.
 * Without it each store takes its own defaults (a 50 MB block cache, three 16 MB memtables), and
 * the story stores, five per task, raised the process stage's peak RSS from 480 to 655 MB on
 * {@code bench pipeline} (one instance, three tasks). The budget is {@code process.rocksdb.memory}
 * (MB); half of it may be memtables.
 *
 * <p>Kafka Streams builds the setter by reflection, so the budget travels in the Streams
 * properties under {@link #MEMORY_BYTES}; the cache is made once, by the first store, and lives as
 * long as the JVM (it is shared, so no store may close it).
 */
public final class RocksDbMemory implements RocksDBConfigSetter {

  /** Streams property carrying the budget in bytes. */
  public static final String MEMORY_BYTES = "wirewatch.rocksdb.memory.bytes";

  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  private static synchronized void init(long bytes) {
    if (cache == null) {
      cache = new LRUCache(bytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(bytes / 2, cache);
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object v = configs.get(MEMORY_BYTES);
    if (v == null) {
      return; // not configured: RocksDB's and Streams' defaults
    }
    init(Long.parseLong(v.toString()));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBuffers);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write-buffer manager are shared by every store: closing them here would pull
    // them from under the others.
  }
}
