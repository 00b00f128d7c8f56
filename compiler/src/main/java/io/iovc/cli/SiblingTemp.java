package io.iovc.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A new, empty file beside the one an atomic replace is for, readable and writable by its owner
 * only, as {@link Files#createTempFile} makes it, but without its {@code SecureRandom}: seeding one
 * sets up the security providers (about 50 classes), which costs {@code compile -o} more than the
 * rest of writing its output. {@code CREATE_NEW} makes the name safe without randomness.
 */
final class SiblingTemp {
  private SiblingTemp() {}

  private static final Set<StandardOpenOption> NEW =
      EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  /** Creates {@code .iovc-*.tmp} in the directory of {@code abs} (an absolute path). */
  static Path create(Path abs) throws IOException {
    Path dir = abs.getParent();
    long seed = System.nanoTime();
    for (int i = 0; ; i++) {
      Path tmp = dir.resolve(".iovc-" + Long.toHexString(seed + i) + ".tmp");
      try {
        try {
          Files.newByteChannel(tmp, NEW, ownerOnly()).close();
        } catch (UnsupportedOperationException notPosix) {
          Files.newByteChannel(tmp, NEW).close();
        }
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (i >= 100) throw e;
      }
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
  }
}
