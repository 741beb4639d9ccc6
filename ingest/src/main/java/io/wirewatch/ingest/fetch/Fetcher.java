package io.wirewatch.ingest.fetch;

import java.net.URI;

/** Fetches one URL; implemented by {@link PageFetcher} and decorated by {@link PoliteFetcher}. */
public interface Fetcher {

  FetchedPage fetch(URI url, Validators validators) throws FetchException;

  default FetchedPage fetch(URI url) throws FetchException {
    return fetch(url, Validators.NONE);
  }
}
