package io.iovc.syntax;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Entry point of the syntax stage: bytes in, {@link SyntaxTree} out. Never throws on any input. */
public final class Ucl {
  /** Nesting deeper than this is kept as one DEEP token (see {@link UValue.UDeep}). */
  public static final int MAX_DEPTH = UclScanner.MAX_TREE_DEPTH;

  private Ucl() {}

  /**
   * The variables libucl defines for a file it reads: {@code FILENAME} (the real path) and {@code
   * CURDIR} (its directory). Without a file libucl uses {@code undef} and the working directory.
   */
  public static Map<String, String> fileVariables(Path file) {
    Map<String, String> vars = new LinkedHashMap<>();
    String real = null;
    if (file != null) {
      try {
        real = file.toRealPath().toString();
      } catch (Exception e) {
        real = file.toAbsolutePath().normalize().toString();
      }
    }
    if (real != null) {
      vars.put("FILENAME", latin1(real));
      int slash = real.lastIndexOf('/');
      vars.put("CURDIR", latin1(slash <= 0 ? "/" : real.substring(0, slash)));
    } else {
      vars.put("FILENAME", "undef");
      vars.put("CURDIR", latin1(Path.of("").toAbsolutePath().toString()));
    }
    return vars;
  }

  private static String latin1(String utf16) {
    return new String(utf16.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /**
   * True when libucl would read {@code text} (bytes, one char per byte) as a number if it stood
   * alone before a {@code ;}. An unquoted string with such text was a string only because of what
   * followed it (e.g. {@code 2 /* c *}{@code /} is the string "2").
   */
  public static boolean readsAsNumber(String text) {
    byte[] b = (text + ";").getBytes(StandardCharsets.ISO_8859_1);
    return b.length > 1 && NumberLexer.parse(b, 0, b.length).status == NumberLexer.OK;
  }

  public static SyntaxTree parse(SourceText src) {
    return parse(src, fileVariables(null));
  }

  public static SyntaxTree parse(SourceText src, Map<String, String> vars) {
    UclScanner scanner = new UclScanner(src, vars);
    scanner.run();
    List<UclToken> tokens = new ArrayList<>(scanner.tokens());
    List<Diagnostic> diags = firstErrorPerPosition(scanner.diagnostics());
    UclToken eof = new UclToken(Token.EOF, Token.DEFAULT_CHANNEL, src.length(), src.length(), "");
    List<UclToken> withEof = new ArrayList<>(tokens);
    withEof.add(eof);
    UclParser parser = new UclParser(new CommonTokenStream(new ListTokenSource(withEof)));
    parser.removeErrorListeners();
    parser.setErrorHandler(new SyntheticTokenRecovery());
    boolean failed = false;
    for (Diagnostic d : diags) failed |= d.isError();
    final boolean scannerFailed = failed;
    parser.addErrorListener(
        new BaseErrorListener() {
          /** Emits IOV100: the grammar met a token it did not expect. */
          @Override
          public void syntaxError(
              Recognizer<?, ?> r,
              Object offending,
              int line,
              int col,
              String msg,
              RecognitionException e) {
            // The scanner makes the structure explicit, so this only fires after its own recovery.
            if (scannerFailed
                || !diags.isEmpty() && diags.get(diags.size() - 1).code() == Codes.SYNTAX) return;
            int at = offending instanceof UclToken t ? t.startOffset() : src.length();
            diags.add(SyntaxDiagnostics.Syntax.unexpected(at, msg));
          }
        });
    UclParser.DocumentContext doc = parser.document();
    UValue root = new TreeBuilder(src).value(doc.value());
    diags.sort(Diagnostic.BY_SPAN);
    return new SyntaxTree(src, root, tokens, diags);
  }

  /**
   * The scanner's recovery can report the same character twice or three times (`p]` in a key is an
   * empty value, a bad key character and an unbalanced bracket at once). The first report is the
   * one libucl gives; the others say the same thing less well, so only the first error at a
   * position is kept. Warnings are all kept.
   */
  private static List<Diagnostic> firstErrorPerPosition(List<Diagnostic> reported) {
    List<Diagnostic> kept = new ArrayList<>(reported.size());
    Set<Integer> errorAt = new HashSet<>();
    for (Diagnostic d : reported) {
      if (d.isError() && !errorAt.add(d.span().start())) continue;
      kept.add(d);
    }
    return kept;
  }

  /**
   * ANTLR's default recovery conjures a missing token by asking the current token for its token
   * source and input stream; scanner tokens have neither (found by fuzzing: a NullPointerException
   * on a malformed array). This recovery inserts a zero-width synthetic {@link UclToken} at the
   * current position instead. The error itself is still reported.
   */
  private static final class SyntheticTokenRecovery extends DefaultErrorStrategy {
    @Override
    protected Token getMissingSymbol(Parser recognizer) {
      Token current = recognizer.getCurrentToken();
      int at = current instanceof UclToken u ? u.startOffset() : 0;
      var expected = getExpectedTokens(recognizer);
      int type =
          expected == null || expected.isNil() ? Token.INVALID_TYPE : expected.getMinElement();
      UclToken t = new UclToken(type, Token.DEFAULT_CHANNEL, at, at, "");
      t.synthetic = true;
      return t;
    }
  }

  /** Parse tree to {@link UValue} records. Depth is bounded by the scanner's DEEP tokens. */
  private static final class TreeBuilder {
    private final SourceText src;

    TreeBuilder(SourceText src) {
      this.src = src;
    }

    UValue value(UclParser.ValueContext ctx) {
      if (ctx == null) return new UValue.UMissing(Span.at(src.length()));
      if (ctx.object() != null) return object(ctx.object());
      if (ctx.array() != null) return array(ctx.array());
      if (ctx.scalar() != null) return scalar(ctx.scalar());
      if (ctx.DEEP() != null) {
        UclToken t = (UclToken) ctx.DEEP().getSymbol();
        return new UValue.UDeep(t.span(), t.deepArray);
      }
      Token t = ctx.getStart();
      int at = t instanceof UclToken u ? u.startOffset() : src.length();
      return new UValue.UMissing(Span.at(at));
    }

    private UValue object(UclParser.ObjectContext ctx) {
      UclToken open = tok(ctx.LBRACE());
      UclToken close = tok(ctx.RBRACE());
      List<UValue.UEntry> entries = new ArrayList<>();
      for (UclParser.MemberContext m : ctx.member()) {
        if (m.MACRO() != null) {
          UclToken t = tok(m.MACRO());
          entries.add(
              new UValue.UMacro(
                  t.value == null ? "" : t.value, t.macroValue, t.macroArgs, t.span()));
        } else if (m.KEY() != null) {
          UclToken k = tok(m.KEY());
          UValue.UKey key =
              new UValue.UKey(
                  k.value == null ? "" : k.value,
                  k.span(),
                  k.getText().startsWith("\""),
                  k.priority);
          entries.add(new UValue.UMember(key, value(m.value())));
        }
      }
      int s =
          open != null ? open.startOffset() : entries.isEmpty() ? 0 : entries.get(0).span().start();
      int e = close != null ? close.endOffset() : src.length();
      if (!entries.isEmpty()) {
        s = Math.min(s, entries.get(0).span().start());
        e = Math.max(e, entries.get(entries.size() - 1).span().end());
      }
      boolean implicit = open == null || open.synthetic;
      return new UValue.UObject(new Span(s, Math.max(s, e)), implicit, entries);
    }

    private UValue array(UclParser.ArrayContext ctx) {
      UclToken open = tok(ctx.LBRACK());
      UclToken close = tok(ctx.RBRACK());
      List<UValue> items = new ArrayList<>();
      for (UclParser.ValueContext v : ctx.value()) items.add(value(v));
      int s = open != null ? open.startOffset() : 0;
      int e = close != null ? close.endOffset() : src.length();
      return new UValue.UArray(new Span(s, Math.max(s, e)), items);
    }

    private UValue scalar(UclParser.ScalarContext ctx) {
      UclToken t = (UclToken) ctx.getStart();
      Span sp = t.span();
      switch (t.getType()) {
        case UclParser.STRING:
          return new UValue.UString(sp, UValue.StringKind.DOUBLE_QUOTED, t.value);
        case UclParser.SQSTRING:
          return new UValue.UString(sp, UValue.StringKind.SINGLE_QUOTED, t.value);
        case UclParser.HEREDOC:
          return new UValue.UString(sp, UValue.StringKind.HEREDOC, t.value);
        case UclParser.BARE:
          return new UValue.UString(sp, UValue.StringKind.UNQUOTED, t.value);
        case UclParser.INT:
          return new UValue.UInt(sp, t.longValue, t.suffixed, t.hex);
        case UclParser.FLOAT:
          return new UValue.UFloat(sp, t.doubleValue, false, t.suffixed);
        case UclParser.TIME:
          return new UValue.UFloat(sp, t.doubleValue, true, t.suffixed);
        case UclParser.BOOL:
          return new UValue.UBool(sp, t.boolValue);
        case UclParser.NULL:
          return new UValue.UNull(sp, t.synthetic);
        default:
          return new UValue.UMissing(sp);
      }
    }

    private static UclToken tok(TerminalNode n) {
      if (n == null || !(n.getSymbol() instanceof UclToken t)) return null;
      return t;
    }
  }
}
