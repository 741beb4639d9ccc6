package io.wirewatch.console.preview;

/** As many previews as allowed are running; the client should try again when one is done. */
public final class PreviewBusy extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PreviewBusy(int running) {
    super(running + " previews are running (console.preview.max-running); try again when one is done");
  }
}
