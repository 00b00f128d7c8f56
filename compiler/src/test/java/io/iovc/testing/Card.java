package io.iovc.testing;

import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.ParamSpec;
import java.util.List;

/**
 * A minimal driver plugin for tests: {@code card}, serving {@code card0}, {@code card1} …, no Linux
 * driver, and the VF parameters a test names.
 */
public final class Card implements DriverPlugin {
  private final List<ParamSpec> vfParams;

  public Card(ParamSpec... vfParams) {
    this.vfParams = List.of(vfParams);
  }

  @Override
  public String name() {
    return "card";
  }

  @Override
  public String description() {
    return "a test card";
  }

  @Override
  public List<String> devicePatterns() {
    return List.of("card[0-9]+");
  }

  @Override
  public List<String> linuxDrivers() {
    return List.of();
  }

  @Override
  public List<ParamSpec> vfParams() {
    return vfParams;
  }
}
