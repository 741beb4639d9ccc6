package io.wirewatch.console.view;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for all of the console's RocksDB stores: by default each store gets its own
 * 50 MB block cache and up to three 16 MB write buffers, which would make the console's resident
 * memory grow with the number of stores rather than with what it shows. The stores here are read
 * by key and written at the pace of the news, so a small shared cache is enough.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

  static final long CACHE_BYTES = 32L * 1024 * 1024;
  static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;

  // Shared by every store of the JVM, created once, never closed: they live as long as the stores.
  private static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
  private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(WRITE_BUFFERS);
    options.setWriteBufferSize(2L * 1024 * 1024);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write buffer manager are shared: closing them here would break the other stores.
  }
}
