package io.wirewatch.console.http;

import java.util.Map;

/** Whether the console can answer from complete stores, and what {@code /ready} shows about it. */
public interface Readiness {
  boolean ready();

  /** State, loaded stores, record counts: shown as they are. */
  Map<String, Object> detail();
}
