package io.wirewatch.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for the RocksDB stores of a Kafka Streams application: a block cache shared by
 * all its stores, with their memtables charged to it (half of it at most), as Kafka Streams'
 * memory-management guide advises. Without it each store takes its own defaults (a 50 MB block
 * cache, three 16 MB memtables), so memory grows with the number of stores rather than with the
 * data: the story stores, five per task, raised the process stage's peak RSS from 480 to 655 MB on
 * {@code bench pipeline} (one instance, three tasks). The process stage's budget is
 * {@code process.rocksdb.memory-mb}; the console uses the same class with its own. It is a soft
 * bound: RocksDB may overshoot it briefly (a cache in strict mode would fail reads instead), and
 * pinned index blocks count against it.
 *
 * <p>Kafka Streams builds the setter by reflection, so the budget travels in the Streams properties
 * under {@link #MEMORY_BYTES}. Each distinct budget gets one cache, made by the first store that
 * asks and kept as long as the JVM: applications in one JVM with the same budget (the process stage
 * and the console in {@code wirewatch run} have different ones) share it, and no store may close it.
 */
public final class RocksDbMemory implements RocksDBConfigSetter {

  /** Streams property carrying the budget in bytes. */
  public static final String MEMORY_BYTES = "wirewatch.rocksdb.memory.bytes";

  /** A budget's shared cache and the manager that charges memtables to it. */
  private record Budget(Cache cache, WriteBufferManager writeBuffers) {
    static Budget of(long bytes) {
      Cache cache = new LRUCache(bytes, -1, false, 0.1);
      return new Budget(cache, new WriteBufferManager(bytes / 2, cache));
    }
  }

  private static final Map<Long, Budget> BUDGETS = new ConcurrentHashMap<>();

  /** The Streams properties that put an application's stores under one budget of {@code bytes}. */
  public static Map<String, Object> properties(long bytes) {
    return Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class.getName(),
        MEMORY_BYTES, String.valueOf(bytes));
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object v = configs.get(MEMORY_BYTES);
    if (v == null) {
      return; // not configured: RocksDB's and Streams' defaults
    }
    long bytes = Long.parseLong(v.toString());
    Budget budget = BUDGETS.computeIfAbsent(bytes, Budget::of);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(budget.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(budget.writeBuffers());
    // Memtables small enough that the many stores of an instance (window segments count too) share
    // the budget's half without each waiting for a flush of Streams' default 16 MB.
    options.setWriteBufferSize(Math.max(1L << 20, Math.min(16L << 20, bytes / 16)));
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write-buffer manager are shared by every store: closing them here would pull
    // them from under the others.
  }
}
