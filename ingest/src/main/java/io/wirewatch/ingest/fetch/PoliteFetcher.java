package io.wirewatch.ingest.fetch;

import io.wirewatch.ingest.schedule.HostGate;
import java.net.URI;

/** A fetcher that waits for its turn at the {@link HostGate} of the URL's host; file URLs pass. */
public final class PoliteFetcher implements Fetcher {

  private final Fetcher inner;
  private final HostGate gate;

  public PoliteFetcher(Fetcher inner, HostGate gate) {
    this.inner = inner;
    this.gate = gate;
  }

  @Override
  public FetchedPage fetch(URI url, Validators validators) throws FetchException {
    String host = url.getHost();
    if (host == null) {
      return inner.fetch(url, validators);
    }
    try {
      gate.acquire(host);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(FetchException.Kind.IO, "interrupted while waiting for a slot on " + host, url, 0, e);
    }
    try {
      return inner.fetch(url, validators);
    } finally {
      gate.release(host);
    }
  }
}
