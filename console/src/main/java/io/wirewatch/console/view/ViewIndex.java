package io.wirewatch.console.view;

/**
 * What a view keeps in heap besides its store, fed with every record of the topic in offset order,
 * from the global store's one updating thread. Readers (HTTP threads) see it concurrently.
 */
interface ViewIndex<V> {

  /**
   * One key changed.
   *
   * @param before its value until now, or null when it is new
   * @param after  its value from now on, or null when it was removed (a tombstone)
   */
  void update(String key, V before, V after);

  /** Forgets everything, before being rebuilt from the store. */
  void clear();

  /** A view with nothing to index. */
  static <V> ViewIndex<V> none() {
    return new ViewIndex<>() {
      @Override
      public void update(String key, V before, V after) {}

      @Override
      public void clear() {}
    };
  }
}
