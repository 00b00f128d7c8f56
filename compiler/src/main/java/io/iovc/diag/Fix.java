package io.iovc.diag;

import java.util.List;

/**
 * A fix: a title for menus, the edits that perform it, and how sure iovc is that applying it gives
 * what the user meant (rustc's applicability). Only {@link Applicability#MACHINE_APPLICABLE} fixes
 * are applied without asking ({@code iovc check --fix}) or offered as an editor's preferred fix.
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

  /**
   * Kept while the rules are classified one by one: {@link Applicability#MAYBE_INCORRECT}, i.e.
   * never applied unseen. Use {@link #safe} or {@link #guess}.
   */
  @Deprecated
  public static Fix of(String title, Edit... edits) {
    return guess(title, edits);
  }

  public boolean machineApplicable() {
    return applicability == Applicability.MACHINE_APPLICABLE;
  }
}
