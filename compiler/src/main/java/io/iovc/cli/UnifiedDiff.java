package io.iovc.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u}, three lines of context) between two versions of a file, for
 * {@code iovc check --fix --diff} and {@code iovc fmt --diff}. Lines are compared as bytes (decoded
 * as ISO-8859-1, so every byte survives) and printed as UTF-8 text.
 */
final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff of {@code a} and {@code b}, labelled {@code name}; empty when they are equal. */
  static String of(String name, byte[] a, byte[] b) {
    List<String> x = lines(a);
    List<String> y = lines(b);
    // edit script from a longest common subsequence (the files are small)
    int n = x.size();
    int m = y.size();
    List<int[]> ops = new ArrayList<>(); // {kind, indexInX, indexInY}: 0 same, 1 delete, 2 insert
    if ((long) n * m > 25_000_000L) {
      for (int i = 0; i < n; i++) ops.add(new int[] {1, i, 0});
      for (int j = 0; j < m; j++) ops.add(new int[] {2, n, j});
    } else {
      int[][] lcs = new int[n + 1][m + 1];
      for (int i = n - 1; i >= 0; i--)
        for (int j = m - 1; j >= 0; j--)
          lcs[i][j] =
              x.get(i).equals(y.get(j))
                  ? lcs[i + 1][j + 1] + 1
                  : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      int i = 0;
      int j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && x.get(i).equals(y.get(j))) {
          ops.add(new int[] {0, i++, j++});
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
          ops.add(new int[] {1, i++, j});
        } else {
          ops.add(new int[] {2, i, j++});
        }
      }
    }
    StringBuilder out = new StringBuilder();
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k)[0] == 0) {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // extend the hunk while changes are closer than 2 * CONTEXT lines apart
      int lastChange = k;
      for (int q = k; q < ops.size(); q++) {
        if (ops.get(q)[0] != 0) lastChange = q;
        else if (q - lastChange > 2 * CONTEXT) break;
        end = q;
      }
      end = Math.min(ops.size() - 1, lastChange + CONTEXT);
      if (out.length() == 0)
        out.append("--- ").append(name).append("\n+++ ").append(name).append('\n');
      int aStart = ops.get(start)[1];
      int bStart = ops.get(start)[2];
      int aLen = 0;
      int bLen = 0;
      StringBuilder body = new StringBuilder();
      for (int q = start; q <= end; q++) {
        int[] op = ops.get(q);
        switch (op[0]) {
          case 0 -> {
            aLen++;
            bLen++;
            body.append(' ').append(show(x.get(op[1])));
          }
          case 1 -> {
            aLen++;
            body.append('-').append(show(x.get(op[1])));
          }
          default -> {
            bLen++;
            body.append('+').append(show(y.get(op[2])));
          }
        }
      }
      out.append("@@ -")
          .append(range(aStart, aLen))
          .append(" +")
          .append(range(bStart, bLen))
          .append(" @@\n")
          .append(body);
      k = end + 1;
    }
    return out.toString();
  }

  private static String range(int start, int len) {
    return (len == 0 ? start : start + 1) + (len == 1 ? "" : "," + len);
  }

  /** A line as UTF-8 text; a last line without its newline gets diff's marker. */
  private static String show(String line) {
    String text = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return text.endsWith("\n") ? text : text + "\n\\ No newline at end of file\n";
  }

  /** The lines of a file, each with its newline (the last one may have none). */
  private static List<String> lines(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    int at = 0;
    while (at < s.length()) {
      int nl = s.indexOf('\n', at);
      int end = nl < 0 ? s.length() : nl + 1;
      out.add(s.substring(at, end));
      at = end;
    }
    return out;
  }
}
