package io.iovc.diag;

import java.util.List;

/**
 * A fix: a title for menus, the edits that perform it, and how sure iovc is that applying it gives
 * what the user meant (rustc's applicability). Only {@link Applicability#MACHINE_APPLICABLE} fixes
 * are applied without asking ({@code iovc check --fix}) or offered as an editor's preferred fix.
 *
 * <p>The rule for choosing, applied to every fix the checker, the suppressions and the scanner
 * make: a fix is {@link #safe} only when the user's intent has one reading and the edit invents
 * nothing. That is either
 *
 * <ul>
 *   <li>an edit that keeps what iovctl reads and removes only what can serve no purpose (an exact
 *       duplicate libucl ignores, a suppression comment that hides nothing, a byte order mark, a
 *       NUL that acts as a separator, the spelling {@code 2:0:0:0:0:1} of the MAC iovctl reads), or
 *   <li>the one meaning of what was written, with no value, name or count added ({@code //} meant a
 *       comment, {@code "5"} meant 5, {@code 5} where a string belongs meant "5", a key glued to
 *       its brace meant a blank between them, {@code "yes"} or 1 where a boolean belongs meant
 *       yes/true).
 * </ul>
 *
 * Everything else is a {@link #guess}: a did-you-mean, a made-up device name or VF count, where a
 * missing brace, quote or separator goes, which of two spellings or two remedies to keep, a value
 * rewritten from a fraction, a suffix or a multicast address.
 */
public record Fix(String title, List<Edit> edits, Applicability applicability) {
  /** How safe a fix is to apply unseen. */
  public enum Applicability {
    /**
     * The intent is certain and the result is what the user meant (e.g. {@code //} → {@code #}).
     */
    MACHINE_APPLICABLE,
    /** A good guess that a person should confirm (a did-you-mean, a made-up device name…). */
    MAYBE_INCORRECT
  }

  public Fix {
    edits = List.copyOf(edits);
  }

  /** A fix whose intent is certain. */
  public static Fix safe(String title, Edit... edits) {
    return new Fix(title, List.of(edits), Applicability.MACHINE_APPLICABLE);
  }

  /** A fix that is a guess: offered, never applied unseen. */
  public static Fix guess(String title, Edit... edits) {
    return new Fix(title, List.of(edits), Applicability.MAYBE_INCORRECT);
  }

  public boolean machineApplicable() {
    return applicability == Applicability.MACHINE_APPLICABLE;
  }
}
