package io.wirewatch.ingest.poll;

/** How one type of source is polled: fills in the poll, updates the source's state. */
interface PollStrategy {

  void poll(Poll poll, SourceState state);
}
