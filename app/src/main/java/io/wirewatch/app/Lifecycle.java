package io.wirewatch.app;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until Ctrl-C (or SIGTERM) or an optional time limit, then lets the caller close its
 * services in order. The shutdown hook waits for that close, so the JVM does not exit while
 * Kafka clients are still committing.
 */
final class Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;

  Lifecycle() {
    hook = new Thread(() -> {
      LOG.info("stopping (signal received)...");
      stopRequested.countDown();
      try {
        if (!closed.await(60, TimeUnit.SECONDS)) {
          LOG.warn("services did not close within 60s; exiting anyway");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "wirewatch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Blocks until a signal arrives or {@code limit} (null: no limit) has passed. */
  void awaitStop(Duration limit) throws InterruptedException {
    if (limit == null) {
      stopRequested.await();
    } else if (!stopRequested.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.info("stopping after {}", limit);
    }
  }

  /**
   * Blocks until a signal arrives, {@code limit} (null: no limit) has passed or {@code failure}
   * completes, whichever comes first.
   *
   * @return the failure's one-line reason, or null when stopped by a signal or the limit
   */
  String awaitStop(Duration limit, CompletionStage<String> failure) throws InterruptedException {
    AtomicReference<String> reason = new AtomicReference<>();
    failure.thenAccept(r -> {
      reason.set(r);
      stopRequested.countDown();
    });
    awaitStop(limit);
    return reason.get();
  }

  /** Waits at most {@code d} for a signal; true when one arrived (the caller should stop). */
  boolean signalled(Duration d) throws InterruptedException {
    return stopRequested.await(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Call once everything is closed. */
  void closed() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running: it is waiting for the countDown above, nothing else to do
    }
  }
}
