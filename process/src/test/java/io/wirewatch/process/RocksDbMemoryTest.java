package io.wirewatch.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.config.ConfigException;
import io.wirewatch.model.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbMemoryTest {

  static {
    RocksDB.loadLibrary();
  }

  @Test
  void theStreamsPropertiesNameTheSetterAndCarryTheBudget() {
    Properties p = ProcessService.streamsProperties("localhost:9092", ProcessConfig.defaults());
    assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(RocksDbMemory.class.getName());
    assertThat(p.get(RocksDbMemory.MEMORY_BYTES)).isEqualTo(String.valueOf(64L * 1024 * 1024));
  }

  @Test
  void aSetterOfTheUsersOwnWins() {
    ProcessConfig c = ProcessConfig.from(Settings.builder().defaultsResource(ProcessConfig.DEFAULTS)
        .overrides(Map.of("process.streams.rocksdb.config.setter", "com.example.MySetter")).build());
    assertThat(ProcessService.streamsProperties("localhost:9092", c).get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo("com.example.MySetter");
  }

  @Test
  void everyStoreGetsTheOneSharedCache() {
    Map<String, Object> configs = new HashMap<>(Map.of(RocksDbMemory.MEMORY_BYTES, String.valueOf(16L << 20)));
    try (Options a = new Options(); Options b = new Options()) {
      a.setTableFormatConfig(new BlockBasedTableConfig());
      b.setTableFormatConfig(new BlockBasedTableConfig());
      new RocksDbMemory().setConfig("stories", a, configs);
      new RocksDbMemory().setConfig("story-terms", b, configs);
      assertThat(a.maxWriteBufferNumber()).isEqualTo(2);
      assertThat(((BlockBasedTableConfig) a.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
      assertThat(a.writeBufferManager()).isNotNull().isSameAs(b.writeBufferManager());
    }
  }

  @Test
  void anotherBudgetGetsACacheOfItsOwn() {
    try (Options a = new Options(); Options b = new Options()) {
      a.setTableFormatConfig(new BlockBasedTableConfig());
      b.setTableFormatConfig(new BlockBasedTableConfig());
      new RocksDbMemory().setConfig("process", a, RocksDbMemory.properties(24L << 20));
      new RocksDbMemory().setConfig("console", b, RocksDbMemory.properties(8L << 20));
      assertThat(a.writeBufferManager()).isNotNull().isNotSameAs(b.writeBufferManager());
    }
  }

  @Test
  void withoutABudgetTheStoreKeepsItsDefaults() {
    try (Options o = new Options()) {
      o.setTableFormatConfig(new BlockBasedTableConfig());
      int before = o.maxWriteBufferNumber();
      new RocksDbMemory().setConfig("stories", o, Map.of());
      assertThat(o.maxWriteBufferNumber()).isEqualTo(before);
      assertThat(o.writeBufferManager()).isNull();
    }
  }

  @Test
  void aBudgetOutOfRangeFailsAtStartNamingTheKey() {
    assertThatThrownBy(() -> ProcessConfig.from(Settings.builder().defaultsResource(ProcessConfig.DEFAULTS)
        .overrides(Map.of("process.rocksdb.memory-mb", "1")).build()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("process.rocksdb.memory-mb");
  }
}
