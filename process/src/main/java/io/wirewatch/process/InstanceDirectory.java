package io.wirewatch.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder one process instance keeps its Streams state in, held with a file lock for as long as
 * the instance runs, and the stable name the instance takes in its consumer group from it.
 *
 * <p>Why a lock: two instances on one host must never share a state folder (they would overwrite
 * each other's stores). Under a root folder, an instance takes the first of {@code instance-0},
 * {@code instance-1} ... that no running instance holds; the operating system releases the lock
 * when a process dies, even by {@code kill -9}, so an instance restarted on the same host takes
 * the same folder back, with its stores, and the same group member name.
 *
 * <p>Why a stable name: with a {@code group.instance.id} (Kafka's static membership), an instance
 * that restarts within the session timeout gets its partitions back without a rebalance, instead of
 * every partition waiting for the dead member's session to expire. A restart under a new name
 * would instead leave the old member holding its partitions until that timeout.
 */
public final class InstanceDirectory implements AutoCloseable {

  private static final String LOCK_FILE = ".wirewatch-instance.lock";
  private static final int MAX_INSTANCES = 64;

  private final Path path;
  private final String memberName;
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceDirectory(Path path, String memberName, FileChannel channel, FileLock lock) {
    this.path = path;
    this.memberName = memberName;
    this.channel = channel;
    this.lock = lock;
  }

  /** The first free {@code instance-N} folder under {@code root}, created if needed. */
  public static InstanceDirectory claimUnder(Path root, String applicationId) {
    for (int n = 0; n < MAX_INSTANCES; n++) {
      Path dir = root.resolve("instance-" + n);
      InstanceDirectory claimed = tryClaim(dir, applicationId + "-" + host() + "-" + n);
      if (claimed != null) {
        return claimed;
      }
    }
    throw new IllegalStateException(MAX_INSTANCES + " process instances already run with state under " + root);
  }

  private static InstanceDirectory tryClaim(Path dir, String memberName) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return null;
      }
      return new InstanceDirectory(dir, memberName, channel, lock);
    } catch (OverlappingFileLockException sameJvm) {
      closeQuietly(channel);
      return null; // held by another instance in this JVM (tests run several)
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot use " + dir + " for process state", e);
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing was claimed; the original failure is what matters
      }
    }
  }

  /** The folder for Kafka Streams' {@code state.dir}. */
  public Path path() {
    return path;
  }

  /** The instance's stable name in its consumer group: application id, host, and folder. */
  public String memberName() {
    return memberName;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Releases the folder; closing twice is harmless. */
  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock on " + path, e);
    }
  }
}
