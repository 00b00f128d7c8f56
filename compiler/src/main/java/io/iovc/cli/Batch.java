package io.iovc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The analyses of {@code iovc check} over many files. A directory of a fleet's files is read, then
 * checked, on every core: each file's analysis depends on nothing but the file and the schema
 * options, which are made ready before the workers start (the plugin registry and the code book are
 * safe to share, a schema never changes once made). The reports come back in input order, and a
 * failure (a usage error such as an unreadable {@code --schema}) is thrown for the first file that
 * has one, as when the files are taken one by one; so output and exit status do not depend on the
 * number of cores. The system property {@code iovc.workers} sets the number of threads (benchmarks
 * and tests; 1 takes the files one by one).
 */
final class Batch {
  /** Fewer files than this are analysed on the calling thread: starting workers costs more. */
  static final int PARALLEL_FROM = 32;

  /** At most this many threads, the calling one included. */
  static final int MAX_WORKERS = 8;

  private Batch() {}

  /** Each input read and analysed: its report ({@link Analysis#report()}), in input order. */
  static List<Analysis> analyze(List<Inputs.Named> inputs, SchemaOptions opts) throws UserError {
    int n = inputs.size();
    int workers = n < PARALLEL_FROM ? 1 : workers();
    if (workers > 1 && !ready(opts)) workers = 1;
    // all files read first, then all analysed: each phase keeps its own code hot (reading between
    // analyses made a 10 000-file check slower, one thread or two)
    Inputs.Input[] read = new Inputs.Input[n];
    Analysis[] done = new Analysis[n];
    Throwable[] failed = new Throwable[n];
    AtomicInteger firstFailure = new AtomicInteger(n);
    run(
        workers,
        n,
        new Task() {
          @Override
          public void at(int i) {
            read[i] = inputs.get(i).read(opts.maxInput);
          }
        },
        failed,
        firstFailure);
    run(
        workers,
        n,
        new Task() {
          @Override
          public void at(int i) throws UserError {
            done[i] = Analysis.run(read[i], opts, false).report();
            read[i] = null;
          }
        },
        failed,
        firstFailure);
    List<Analysis> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Throwable f = failed[i];
      if (f instanceof UserError u) throw u;
      if (f instanceof RuntimeException r) throw r;
      if (f instanceof Error e) throw e;
      out.add(done[i]);
    }
    return out;
  }

  /** The threads to use: {@code iovc.workers}, else one per core up to {@link #MAX_WORKERS}. */
  static int workers() {
    String p = System.getProperty("iovc.workers");
    if (p != null) {
      try {
        return Math.max(1, Integer.parseInt(p.trim()));
      } catch (NumberFormatException e) {
        // the default
      }
    }
    return Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors());
  }

  /** One step for input {@code i}. */
  private interface Task {
    void at(int i) throws UserError;
  }

  /**
   * {@code task} for every index below {@code n} on {@code workers} threads (the calling one among
   * them); an index after the first that failed is skipped, since it is never reported.
   */
  private static void run(
      int workers, int n, Task task, Throwable[] failed, AtomicInteger firstFailure) {
    AtomicInteger next = new AtomicInteger();
    Runnable work = new Runnable() { // a class, not a lambda: no method-handle set-up on this path
          @Override
          public void run() {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
              if (i > firstFailure.get()) return;
              try {
                task.at(i);
              } catch (UserError | RuntimeException | Error e) {
                failed[i] = e;
                int seen = firstFailure.get();
                while (i < seen && !firstFailure.compareAndSet(seen, i)) seen = firstFailure.get();
              }
            }
          }
        };
    List<Thread> threads = new ArrayList<>();
    for (int w = 1; w < workers; w++) {
      Thread t = new Thread(work, "iovc-check-" + w);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    work.run();
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /**
   * Makes what every analysis reads (the registry, the explicit and the {@code --driver} schema)
   * before the workers start (the code book makes its plugin codes under a lock when first asked);
   * false when that fails, and the files are then taken one by one so the failure is reported where
   * it would be.
   */
  private static boolean ready(SchemaOptions opts) {
    try {
      Analysis.request(opts);
      return true;
    } catch (UserError | RuntimeException e) {
      return false;
    }
  }
}
