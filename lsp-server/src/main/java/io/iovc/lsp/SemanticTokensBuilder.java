package io.iovc.lsp;

import io.iovc.source.SourceText;
import io.iovc.syntax.UclParser;
import io.iovc.syntax.UclToken;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokenTypes;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * Semantic tokens from the scanner's tokens, for editors without the TextMate grammar: section
 * names, parameter names, strings, numbers, booleans, comments, macros and separators. Tokens
 * spanning lines are split per line (clients need not support multi-line tokens).
 */
final class SemanticTokensBuilder {
  static final List<String> TYPES =
      List.of(
          SemanticTokenTypes.Namespace,
          SemanticTokenTypes.Property,
          SemanticTokenTypes.String,
          SemanticTokenTypes.Number,
          SemanticTokenTypes.Keyword,
          SemanticTokenTypes.Comment,
          SemanticTokenTypes.Macro,
          SemanticTokenTypes.Operator);
  static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(TYPES, List.of());

  private static final int NAMESPACE = 0;
  private static final int PROPERTY = 1;
  private static final int STRING = 2;
  private static final int NUMBER = 3;
  private static final int KEYWORD = 4;
  private static final int COMMENT = 5;
  private static final int MACRO = 6;
  private static final int OPERATOR = 7;

  private SemanticTokensBuilder() {}

  static SemanticTokens build(Analysis a) {
    List<Integer> data = new ArrayList<>();
    SourceText src = a.src;
    int depth = 0;
    int prevLine = 0;
    int prevCol = 0;
    for (UclToken t : a.tree.tokens()) {
      int type = t.getType();
      if (type == UclParser.LBRACE) depth++;
      if (type == UclParser.RBRACE) depth = Math.max(0, depth - 1);
      int kind = classify(type, depth);
      if (kind < 0 || t.endOffset() <= t.startOffset()) continue;
      int s = t.startOffset();
      int end = t.endOffset();
      while (s < end) {
        int line = src.line(s);
        int lineEnd = Math.min(end, src.lineEnd(line));
        if (lineEnd > s) {
          Position p0 = a.pos.position(s);
          Position p1 = a.pos.position(lineEnd);
          int dl = p0.getLine() - prevLine;
          int dc = dl == 0 ? p0.getCharacter() - prevCol : p0.getCharacter();
          data.add(dl);
          data.add(dc);
          data.add(p1.getCharacter() - p0.getCharacter());
          data.add(kind);
          data.add(0);
          prevLine = p0.getLine();
          prevCol = p0.getCharacter();
        }
        if (line >= src.lineCount()) break;
        s = src.lineStart(line + 1);
      }
    }
    return new SemanticTokens(data);
  }

  private static int classify(int type, int depth) {
    return switch (type) {
      case UclParser.KEY -> depth <= 1 ? NAMESPACE : PROPERTY;
      case UclParser.STRING, UclParser.SQSTRING, UclParser.HEREDOC, UclParser.BARE -> STRING;
      case UclParser.INT, UclParser.FLOAT, UclParser.TIME -> NUMBER;
      case UclParser.BOOL, UclParser.NULL -> KEYWORD;
      case UclParser.COMMENT -> COMMENT;
      case UclParser.MACRO -> MACRO;
      case UclParser.SEP -> OPERATOR;
      default -> -1;
    };
  }
}
