package io.wirewatch.console.view;

/** Turns one record's value into the view's value; throws when the bytes are not such a value. */
@FunctionalInterface
interface RecordReader<V> {
  V read(String topic, String key, byte[] value, long offset);
}
