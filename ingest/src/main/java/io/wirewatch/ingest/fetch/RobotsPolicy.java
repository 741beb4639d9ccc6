package io.wirewatch.ingest.fetch;

import java.net.URI;

/** Whether an article page may be fetched; robots.txt in production, everything when disabled. */
public interface RobotsPolicy {

  RobotsPolicy IGNORE = url -> true;

  boolean allowed(URI url);
}
