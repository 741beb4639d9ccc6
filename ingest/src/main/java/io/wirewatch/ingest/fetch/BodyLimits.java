package io.wirewatch.ingest.fetch;

import io.wirewatch.ingest.fetch.FetchException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The limits one fetch is read within, as jsoup's {@code ControllableInputStream} does for a page:
 * a deadline for the whole fetch, body included, and a cap on the body's decompressed size; it
 * counts the bytes that crossed the wire for the status record.
 *
 * <p>Hand-written because the HTTP client bounds each wait, never their sum: a server dripping a
 * byte a second would hold a polling thread for hours, and the size cap has to apply to the bytes
 * after decompression while they stream in, or a gzip bomb fills memory before any check. At the
 * deadline the watchdog runs the abort action of the current request (closing its connection),
 * which wakes a read blocked on a silent server; every read also checks the deadline itself.
 */
final class BodyLimits implements AutoCloseable {

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wirewatch-fetch-deadline");
    t.setDaemon(true);
    return t;
  });

  private final long maxBytes;
  private final Duration total;
  private final long deadline;
  private final ScheduledFuture<?> timer;
  private Runnable abort = () -> {};
  private boolean expired;
  private long wireBytes;

  private BodyLimits(long maxBytes, Duration total) {
    this.maxBytes = maxBytes;
    this.total = total;
    this.deadline = total == null ? Long.MAX_VALUE : System.nanoTime() + total.toNanos();
    this.timer = total == null ? null : WATCHDOG.schedule(this::expire, total.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Limits for a network fetch: at most {@code maxBytes} decompressed, all within {@code total}. */
  static BodyLimits of(long maxBytes, Duration total) {
    return new BodyLimits(maxBytes, total);
  }

  /** Limits for a local file: only the size counts. */
  static BodyLimits sizeOnly(long maxBytes) {
    return new BodyLimits(maxBytes, null);
  }

  /**
   * What to run if the deadline passes from now on (closing the current request's connection); run
   * at once when it has already passed.
   */
  synchronized void abortOnExpiry(Runnable action) {
    abort = action;
    if (expired) {
      action.run();
    }
  }

  private synchronized void expire() {
    expired = true;
    abort.run();
  }

  /** Whether the deadline has passed; a failure after that is reported as the deadline's. */
  synchronized boolean expired() {
    return expired || System.nanoTime() - deadline >= 0;
  }

  Duration nanosLeftOrTotal(Duration cap) {
    long left = deadline - System.nanoTime();
    return left >= cap.toNanos() ? cap : Duration.ofNanos(Math.max(left, 0));
  }

  Duration total() {
    return total;
  }

  /** Bytes received before decompression so far. */
  long wireBytes() {
    return wireBytes;
  }

  /**
   * The whole body of {@code wire}, decoded as {@code contentEncoding} says, within the limits.
   *
   * @param status the status the body came with, for the exception
   * @throws FetchException {@link Kind#TOO_LARGE}, {@link Kind#BAD_ENCODING} or {@link Kind#TIMEOUT}
   * @throws IOException    when the connection fails while reading
   */
  byte[] read(InputStream wire, String contentEncoding, URI url, int status) throws FetchException, IOException {
    InputStream body = null;
    try {
      body = decoded(new Counting(wire), contentEncoding, url, status);
      ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
      byte[] buffer = new byte[16_384];
      long size = 0;
      int n;
      while ((n = body.read(buffer)) != -1) {
        size += n;
        if (size > maxBytes) {
          throw new FetchException(Kind.TOO_LARGE, "body larger than " + maxBytes + " bytes (after decompression)",
              url, status);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DeadlineExceeded e) {
      throw new FetchException(Kind.TIMEOUT, "body not complete in time", url, status, e);
    } catch (ZipException e) {
      throw new FetchException(Kind.BAD_ENCODING, "the body does not decompress: " + e.getMessage(), url, status, e);
    } finally {
      if (body != null) {
        body.close(); // ends the decompressor; the wire stream itself stays open, see Counting
      }
    }
  }

  private static InputStream decoded(InputStream in, String encoding, URI url, int status)
      throws IOException, FetchException {
    String e = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
    return switch (e) {
      case "gzip", "x-gzip" -> new GZIPInputStream(in);
      case "deflate" -> new InflaterInputStream(in);
      case "identity", "" -> in;
      default -> throw new FetchException(Kind.BAD_ENCODING, "unsupported Content-Encoding '" + encoding + "'", url,
          status);
    };
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.cancel(false);
    }
    abort = () -> {};
  }

  /** Thrown by the counting stream once the deadline has passed, so a drip cannot outlast it. */
  private static final class DeadlineExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded() {
      super("total time limit reached while reading the body");
    }
  }

  /**
   * Counts compressed bytes as they arrive and checks the deadline before every read. Closing it
   * leaves the wire stream open: the caller decides whether the connection is drained for reuse
   * or dropped, and draining an endless body is what these limits exist to prevent.
   */
  private final class Counting extends FilterInputStream {

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the caller owns the wire stream
    }

    private void checkDeadline() throws DeadlineExceeded {
      if (System.nanoTime() - deadline >= 0) {
        throw new DeadlineExceeded();
      }
    }

    @Override
    public int read() throws IOException {
      checkDeadline();
      int b = super.read();
      if (b >= 0) {
        wireBytes++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      checkDeadline();
      int n = super.read(b, off, len);
      if (n > 0) {
        wireBytes += n;
      }
      return n;
    }
  }
}
