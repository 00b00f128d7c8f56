package io.iovc.kernel.linux;

import java.io.IOException;
import java.util.List;

/**
 * The VF half of rtnetlink that iovc uses: {@code IFLA_VFINFO_LIST} read from the PF netdev, and
 * one {@code IFLA_VF_*} attribute set per request (so a refusal names exactly one VF and one
 * setting). {@link RtNetlink} reads with one {@code RTM_GETLINK} and sets through iproute2 ({@link
 * IpNetlink}); tests use a fake.
 */
public interface Netlink {
  /**
   * The VFs of a PF netdev as the kernel reports them, in VF order: every VF, or an exception
   * saying which could not be read (never a silently shorter list). Empty when the driver reports
   * no VF settings at all.
   */
  List<VfLink> read(String pfNetdev) throws IOException;

  /**
   * One {@code ip link set dev PF vf N ARGS} request, e.g. {@code ["mac", "02:00:00:00:00:01"]}.
   * Throws with the kernel's answer ("RTNETLINK answers: Invalid argument") when refused.
   */
  void set(String pfNetdev, int vf, List<String> args) throws IOException;

  /** One request of {@link #setAll}: {@code ip link set dev PF vf N ARGS}. */
  record VfRequest(int vf, List<String> args) {
    public VfRequest {
      args = List.copyOf(args);
    }
  }

  /**
   * Several requests on one PF, in order, stopping at the first one the kernel refuses; still one
   * netlink request per VF attribute, so a refusal names one VF and one setting. This default sends
   * them one at a time; {@link IpNetlink} sends them all through one {@code ip -batch -}.
   */
  default void setAll(String pfNetdev, List<VfRequest> requests) throws BatchFailure {
    for (int i = 0; i < requests.size(); i++) {
      try {
        set(pfNetdev, requests.get(i).vf(), requests.get(i).args());
      } catch (IOException e) {
        throw new BatchFailure(i, e.getMessage());
      }
    }
  }

  /** Request {@code failed} (0-based) was refused; the ones before it were done. */
  final class BatchFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int failed;

    public BatchFailure(int failed, String message) {
      super(message);
      this.failed = failed;
    }

    public int failed() {
      return failed;
    }
  }

  /** What one VF looks like through netlink ({@code ip -j -d link show} {@code vfinfo_list[]}). */
  record VfLink(
      int vf,
      String mac,
      int vlan,
      int qos,
      String vlanProto,
      Boolean spoofchk,
      Boolean trust,
      String linkState,
      long minTxRate,
      long maxTxRate,
      Boolean queryRss) {
    /** Lower-case MAC, 802.1Q when the kernel does not say. */
    public VfLink {
      mac = mac == null ? null : mac.toLowerCase(java.util.Locale.ROOT);
      vlanProto = vlanProto == null || vlanProto.isEmpty() ? "802.1Q" : vlanProto;
    }
  }
}
