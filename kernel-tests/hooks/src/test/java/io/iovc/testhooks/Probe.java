package io.iovc.testhooks;

import io.iovc.kernel.linux.LinuxHost;

/** Prints the injection a fresh process gets from its class path and environment. */
public final class Probe {
  private Probe() {}

  public static void main(String[] args) {
    try {
      System.out.print(LinuxHost.injected().describe());
    } catch (IllegalArgumentException e) {
      System.out.print("refused: " + e.getMessage());
    }
  }
}
