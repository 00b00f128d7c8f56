package io.iovc.lsp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one thread that owns the open documents and runs every notification, request and analysis,
 * one at a time: notifications and requests in the order the client sent them, a debounced analysis
 * ({@link #schedule}) once its delay has passed. It has a large stack (parsing recurses) and never
 * dies: a task that throws is logged to the client (an {@link OutOfMemoryError} first frees
 * memory), and a request that throws is answered with its fallback.
 */
final class Worker {
  private final ScheduledThreadPoolExecutor exec;
  private final Consumer<String> log;
  private final Runnable onOutOfMemory;

  Worker(Consumer<String> log, Runnable onOutOfMemory) {
    this.log = log;
    this.onOutOfMemory = onOutOfMemory;
    this.exec =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(null, r, "iovc-lsp-worker", 16L << 20);
              t.setDaemon(true);
              return t;
            });
    exec.setRemoveOnCancelPolicy(true);
  }

  /**
   * Queues a request. Its answer is {@code fallback} when {@code body} throws or the worker is shut
   * down. A request the client cancelled before it ran is skipped: its future stays cancelled, and
   * lsp4j answers the client that it was cancelled.
   */
  <T> CompletableFuture<T> request(String what, Supplier<T> body, T fallback) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      exec.execute(
          () -> {
            if (f.isDone()) return; // cancelled by the client
            try {
              f.complete(body.get());
            } catch (Throwable t) {
              failed(what, t);
              f.complete(fallback);
            }
          });
    } catch (RuntimeException rejected) {
      f.complete(fallback);
    }
    return f;
  }

  /** Queues a notification's work; nothing runs once the worker is shut down. */
  void run(String what, Runnable body) {
    try {
      exec.execute(() -> guarded(what, body));
    } catch (RuntimeException rejected) {
      // shutting down
    }
  }

  /** Runs {@code body} after {@code delayMs}; null once the worker is shut down. */
  ScheduledFuture<?> schedule(String what, Runnable body, long delayMs) {
    try {
      return exec.schedule(() -> guarded(what, body), delayMs, TimeUnit.MILLISECONDS);
    } catch (RuntimeException rejected) {
      return null;
    }
  }

  private void guarded(String what, Runnable body) {
    try {
      body.run();
    } catch (Throwable t) {
      failed(what, t);
    }
  }

  private void failed(String what, Throwable t) {
    if (t instanceof OutOfMemoryError) {
      try {
        onOutOfMemory.run();
      } catch (Throwable ignored) {
        // nothing more to free
      }
    }
    try {
      log.accept("iovc: " + what + " failed: " + t);
    } catch (Throwable ignored) {
      // the client is gone
    }
  }

  void shutdown() {
    exec.shutdownNow();
  }
}
