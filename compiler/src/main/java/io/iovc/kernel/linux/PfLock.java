package io.iovc.kernel.linux;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One apply at a time per PF: an exclusive {@code fcntl} lock on {@code /run/iovc/<pf>.lock} (e.g.
 * {@code pci-0000:05:00.0.lock}), whichever spelling of the PF the file used. The kernel drops the
 * lock when the process dies, so a crashed apply never leaves it held.
 */
final class PfLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private PfLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Thrown when another iovc holds the lock for longer than the wait. */
  static final class BusyException extends Exception {
    private static final long serialVersionUID = 1L;

    BusyException(String m) {
      super(m);
    }
  }

  static PfLock acquire(Path dir, String name, Duration wait, PrintStream progress)
      throws IOException, BusyException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name.replace('/', '_') + ".lock");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    try {
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null;
        }
        if (l != null) {
          ch.truncate(0);
          ch.write(
              java.nio.ByteBuffer.wrap(
                  (ProcessHandle.current().pid() + "\n")
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
          return new PfLock(ch, l);
        }
        if (System.nanoTime() > deadline) {
          throw new BusyException(
              "another iovc is applying to this PF (lock "
                  + file
                  + " held for more than "
                  + wait.toSeconds()
                  + " s)");
        }
        if (!told && progress != null) {
          progress.println("waiting for another iovc applying to the same PF (" + file + ")");
          told = true;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ch.close();
      throw new BusyException("interrupted while waiting for " + file);
    } catch (IOException | BusyException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
