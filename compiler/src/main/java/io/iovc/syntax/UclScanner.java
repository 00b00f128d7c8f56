package io.iovc.syntax;

import static io.iovc.syntax.UclParser.BARE;
import static io.iovc.syntax.UclParser.BOOL;
import static io.iovc.syntax.UclParser.COMMENT;
import static io.iovc.syntax.UclParser.DEEP;
import static io.iovc.syntax.UclParser.FLOAT;
import static io.iovc.syntax.UclParser.HEREDOC;
import static io.iovc.syntax.UclParser.INT;
import static io.iovc.syntax.UclParser.JUNK;
import static io.iovc.syntax.UclParser.KEY;
import static io.iovc.syntax.UclParser.LBRACE;
import static io.iovc.syntax.UclParser.LBRACK;
import static io.iovc.syntax.UclParser.MACRO;
import static io.iovc.syntax.UclParser.MISSING;
import static io.iovc.syntax.UclParser.NEWLINE;
import static io.iovc.syntax.UclParser.NULL;
import static io.iovc.syntax.UclParser.RBRACE;
import static io.iovc.syntax.UclParser.RBRACK;
import static io.iovc.syntax.UclParser.SEMI;
import static io.iovc.syntax.UclParser.SEP;
import static io.iovc.syntax.UclParser.SQSTRING;
import static io.iovc.syntax.UclParser.STRING;
import static io.iovc.syntax.UclParser.TIME;
import static io.iovc.syntax.UclParser.TRAILING;
import static io.iovc.syntax.UclParser.WS;

import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;

/**
 * Reads UCL bytes exactly as libucl's parser does for {@code ucl_parser_new(0)} and {@code
 * ucl_parser_add_file} (spec §2), and turns them into tokens for {@link UclParser}.
 *
 * <p>libucl is a pushdown state machine (INIT, KEY, VALUE, AFTER_VALUE, MACRO_NAME, MACRO) whose
 * lexing depends on where it is: an unquoted word is a key in KEY state and runs to the end of the
 * line in VALUE state, a number's suffix decides by looking at the bytes after it, nested keys
 * ({@code a b { }}) open objects implicitly. This class follows that machine with an explicit stack
 * (no recursion, so no input can overflow the Java stack) and records every place where libucl
 * would stop with an error. libucl stops at the first one; iovc records it and recovers with a
 * local repair (end a key at a bad character, close a string at the end of its line, insert a
 * missing value) so that editors still get a tree and later problems are reported too. The file is
 * accepted by libucl exactly when no error diagnostic was recorded.
 *
 * <p>Every byte of the input ends up in exactly one token (hidden channel for whitespace,
 * separators and comments), except the bytes inside a DEEP token, so the formatter can rebuild the
 * file.
 *
 * <p>Why one file of some 1 400 lines: it mirrors libucl's {@code ucl_parser.c}, one state machine
 * over shared state (the position, the stack of open objects and arrays, the pending key, the token
 * list, the recorded errors); its methods follow libucl's functions ({@code run} is {@code
 * ucl_state_machine}; {@code parseKey}, {@code parseValue}, {@code lexJsonString}, {@code heredoc},
 * {@code afterValue} and {@code macro} are {@code ucl_parse_key}, {@code ucl_parse_value}, {@code
 * ucl_lex_json_string}, {@code ucl_parse_multiline_string}, {@code ucl_parse_after_value} and the
 * macro states) so the two read side by side. The stages are not separable passes: every one reads
 * and moves the same cursor and stack, so splitting the file by stage would pass that state around
 * or expose it package-wide for no change in behaviour, in a component held byte-for-byte to libucl
 * by differential tests and a fuzzed corpus.
 */
final class UclScanner {
  /** Objects/arrays nested deeper than this arrive as one DEEP token (the tree stays shallow). */
  static final int MAX_TREE_DEPTH = 48;

  // Character classes from libucl's ucl_chartable.h.
  private static final int C_KEY = 1;
  private static final int C_KEY_START = 2;
  private static final int C_WS = 4; // space, tab
  private static final int C_WS_UNSAFE = 8; // \t \n \v \f \r space
  private static final int C_VALUE_END = 16; // NUL \n \r # , ; ] }
  private static final int C_DIGIT_START = 32; // - 0-9
  private static final int C_ESCAPE = 64; // " / \ b f n r t u
  private static final int C_KEY_SEP = 128; // \t space : =
  private static final int[] CLASS = new int[256];

  static {
    for (int c = 0; c < 256; c++) {
      int f = 0;
      boolean alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (alnum || c == '_' || c == '-' || c == '.' || c == '/' || c >= 128) f |= C_KEY;
      if (alnum || c == '_' || c == '/' || c >= 128) f |= C_KEY_START;
      if (c == ' ' || c == '\t') f |= C_WS | C_KEY_SEP;
      if (c == ' ' || (c >= 9 && c <= 13)) f |= C_WS_UNSAFE;
      if (c == 0 || c == '\n' || c == '\r' || c == '#' || c == ',' || c == ';' || c == ']'
          || c == '}') f |= C_VALUE_END;
      if (c == '-' || (c >= '0' && c <= '9')) f |= C_DIGIT_START;
      if ("\"/\\bfnrtu".indexOf(c) >= 0) f |= C_ESCAPE;
      if (c == ':' || c == '=') f |= C_KEY_SEP;
      CLASS[c] = f;
    }
  }

  private enum State {
    INIT,
    KEY,
    VALUE,
    AFTER_VALUE,
    MACRO_NAME,
    MACRO,
    DONE
  }

  /** One entry of libucl's parser stack. */
  private static final class Frame {
    final boolean array;
    final int level;
    boolean obrace;
    final int openOffset;
    final boolean implicit;

    Frame(boolean array, int level, boolean obrace, int openOffset, boolean implicit) {
      this.array = array;
      this.level = level;
      this.obrace = obrace;
      this.openOffset = openOffset;
      this.implicit = implicit;
    }
  }

  private final SourceText src;
  private final byte[] b;
  private final int end;
  private final Map<String, String> vars;
  private final List<UclToken> out = new ArrayList<>();
  private final List<Diagnostic> diags = new ArrayList<>();

  private int pos;
  private int covered; // bytes before this offset are in tokens already
  private State state = State.INIT;
  private State prevState = State.KEY;
  private final ArrayList<Frame> stack = new ArrayList<>();
  private boolean topCreated;
  private int priority;
  // libucl keeps these in locals of ucl_state_machine that survive across iterations.
  private boolean nextKey;
  private boolean endOfObject;
  private boolean gotContent;
  private int macroNameStart = -1;
  private int macroDot = -1;
  private int macroKnown; // 0 unknown, 1 priority, 2 include-like (refused)
  private String macroName = "";
  // The last nested-key lookahead: from, where it stopped, and whether it found { or [.
  private int lookFrom = -1;
  private int lookTo = -2;
  private boolean lookFound;

  /** An error consumed the rest of the input (unterminated comment, heredoc, string). */
  private boolean swallowed;

  /** Offset of the first NUL byte read as a separator, or -1. */
  private int firstNulSeparator = -1;

  // Deep-content suppression.
  private int suppressAt = -1; // stack size at which suppression started
  private int suppressStart;

  UclScanner(SourceText src, Map<String, String> vars) {
    this.src = src;
    this.b = src.bytes();
    this.end = b.length;
    this.vars = vars;
  }

  List<UclToken> tokens() {
    return out;
  }

  List<Diagnostic> diagnostics() {
    return diags;
  }

  // ---------------------------------------------------------------- helpers

  private static boolean is(int c, int cls) {
    return (CLASS[c & 0xff] & cls) != 0;
  }

  private int at(int i) {
    return i < end && i >= 0 ? b[i] & 0xff : 0;
  }

  private int remain() {
    return end - pos;
  }

  private boolean commentAt(int i) {
    int c1 = at(i);
    return (c1 == '/' && end - i >= 2 && at(i + 1) == '*') || c1 == '#';
  }

  private String latin1(int s, int e) {
    return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
  }

  private boolean emitting() {
    return suppressAt < 0;
  }

  /** Hidden tokens for the bytes between the last token and {@code upTo}, classified. */
  private void fillTo(int upTo) {
    if (!emitting()) return;
    while (covered < upTo) {
      int s = covered;
      int c = at(s);
      int e = s + 1;
      int type;
      if (c == '\n') {
        type = NEWLINE;
      } else if (c == '\r' && at(s + 1) == '\n' && s + 1 < upTo) {
        type = NEWLINE;
        e = s + 2;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == 0x0b || c == 0x0c) {
        type = WS;
        while (e < upTo && (at(e) == ' ' || at(e) == '\t' || at(e) == 0x0b || at(e) == 0x0c)) e++;
      } else if (c == ';') {
        type = SEMI;
      } else if (c == ',') {
        type = UclParser.COMMA;
      } else if (c == '=' || c == ':') {
        type = SEP;
      } else if (c == '#') {
        type = COMMENT;
        while (e < upTo && at(e) != '\n') e++;
      } else {
        type = JUNK;
        while (e < upTo && "\n\r \t;,=:#".indexOf(at(e)) < 0) e++;
      }
      out.add(new UclToken(type, Token.HIDDEN_CHANNEL, s, e, latin1(s, e)));
      covered = e;
    }
  }

  private UclToken emit(int type, int s, int e) {
    if (!emitting()) return new UclToken(type, Token.DEFAULT_CHANNEL, s, e, "");
    fillTo(s);
    UclToken t = new UclToken(type, Token.DEFAULT_CHANNEL, s, e, latin1(s, e));
    out.add(t);
    covered = Math.max(covered, e);
    return t;
  }

  private void hidden(int type, int s, int e) {
    if (!emitting() || e <= s) return;
    fillTo(s);
    out.add(new UclToken(type, Token.HIDDEN_CHANNEL, s, e, latin1(s, e)));
    covered = Math.max(covered, e);
  }

  private UclToken synthetic(int type, int at) {
    UclToken t = emit(type, at, at);
    t.synthetic = true;
    return t;
  }

  /** libucl reports one error; after this many, iovc's recovery is only guessing. */
  static final int MAX_SYNTAX_ERRORS = 50;

  private int dropped;

  private void report(Diagnostic d) {
    if (diags.size() >= MAX_SYNTAX_ERRORS) {
      dropped++;
      return;
    }
    diags.add(d);
  }

  // ---------------------------------------------------------------- driver

  /** Runs libucl's state machine over the whole input. Emits IOV153 (a byte order mark). */
  void run() {
    if (end >= 3 && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) {
      diags.add(SyntaxDiagnostics.bom());
    }
    while (pos < end && state != State.DONE) {
      switch (state) {
        case INIT -> init();
        case KEY -> keyState();
        case VALUE -> parseValue();
        case AFTER_VALUE -> afterValue();
        case MACRO_NAME -> macroName();
        case MACRO -> macro();
        default -> throw new IllegalStateException(state.name());
      }
    }
    finish();
  }

  /** Closes what is still open at the end. Emits IOV100 (how many errors were not recorded). */
  private void finish() {
    finishStructure();
    if (dropped > 0) {
      diags.add(SyntaxDiagnostics.Syntax.moreNotShown(end, dropped));
    }
  }

  /**
   * The end of the input: every frame still open. Emits IOV152 (a NUL read as a separator), IOV151
   * (text after the closing brace) and IOV109 (a brace or bracket never closed).
   */
  private void finishStructure() {
    if (!topCreated) {
      push(false, 0, false, pos, true);
      topCreated = true;
    }
    if (firstNulSeparator >= 0) {
      diags.add(SyntaxDiagnostics.nulSeparator(firstNulSeparator));
    }
    if (state == State.DONE) {
      if (pos < end) {
        hidden(TRAILING, pos, end);
        String rest = latin1(pos, end).strip();
        if (!rest.isEmpty()) {
          int from = pos;
          while (from < end && is(at(from), C_WS_UNSAFE)) from++;
          diags.add(SyntaxDiagnostics.trailingText(from, end));
        }
        covered = end;
      }
      return;
    }
    fillTo(end);
    // libucl: every frame still open that had a '{' is an "unmatched open brace".
    for (int i = stack.size() - 1; i >= 0 && !swallowed; i--) {
      Frame f = stack.get(i);
      if (f.obrace) {
        report(SyntaxDiagnostics.Unbalanced.neverClosed(src, f.openOffset, f.array));
      }
    }
    while (!stack.isEmpty()) pop(end, false);
  }

  // ---------------------------------------------------------------- stack

  /** The innermost open `{` or `[` written in the file, or null. */
  private Frame innermostWritten() {
    for (int i = stack.size() - 1; i >= 0; i--) {
      if (!stack.get(i).implicit) return stack.get(i);
    }
    return null;
  }

  /** Opens an object or array frame. Emits IOV113 (more than 65535 levels). */
  private void push(boolean array, int level, boolean obrace, int openOffset, boolean implicit) {
    if (level >= 0xFFFF) {
      report(SyntaxDiagnostics.tooDeep(src, openOffset));
    }
    stack.add(new Frame(array, level, obrace, openOffset, implicit));
    if (emitting()) {
      if (stack.size() > MAX_TREE_DEPTH) {
        suppressAt = stack.size();
        suppressStart = openOffset;
        fillTo(openOffset);
      } else if (implicit) {
        synthetic(array ? LBRACK : LBRACE, openOffset);
      } else {
        emit(array ? LBRACK : LBRACE, openOffset, openOffset + 1);
      }
    }
  }

  /** Pops the top frame; {@code real} when the closing bracket at {@code at} is in the input. */
  private void pop(int at, boolean real) {
    Frame f = stack.remove(stack.size() - 1);
    if (suppressAt >= 0) {
      if (stack.size() + 1 == suppressAt) {
        int e = real ? at + 1 : at;
        suppressAt = -1;
        fillTo(suppressStart);
        UclToken t = emit(DEEP, suppressStart, Math.max(e, suppressStart));
        t.deepArray = f.array;
        covered = Math.max(covered, e);
      }
      return;
    }
    if (real && !f.implicit) {
      emit(f.array ? RBRACK : RBRACE, at, at + 1);
    } else {
      synthetic(f.array ? RBRACK : RBRACE, real ? at + 1 : at);
    }
  }

  private Frame top() {
    return stack.get(stack.size() - 1);
  }

  // ---------------------------------------------------------------- states

  private void init() {
    int before = pos;
    skipComments();
    // libucl skips blanks with a pointer taken before the comments were skipped, so blanks after
    // a leading comment stay (and a '{' behind them is then read as a key: an error).
    if (pos == before) {
      while (pos < end && is(at(pos), C_WS_UNSAFE)) pos++;
    }
    boolean array = false;
    boolean obrace = false;
    int open = pos;
    if (pos < end) {
      if (at(pos) == '[') {
        state = State.VALUE;
        array = true;
        obrace = true;
        pos++;
      } else if (at(pos) == '{') {
        state = State.KEY;
        obrace = true;
        pos++;
      } else {
        state = State.KEY;
      }
    }
    if (!topCreated) {
      push(array, 0, obrace, open, !obrace);
      topCreated = true;
    }
  }

  private void keyState() {
    while (pos < end && is(at(pos), C_WS_UNSAFE)) pos++;
    if (pos == end || at(pos) == '}') {
      state = State.AFTER_VALUE;
      return;
    }
    gotContent = false;
    parseKey();
    if (endOfObject) {
      state = State.AFTER_VALUE;
      return;
    }
    if (state != State.MACRO_NAME) {
      if (nextKey && !top().array) {
        push(false, top().level + 1, false, pos, true);
        state = State.KEY;
      } else if (gotContent) {
        state = State.VALUE;
      }
    } else {
      macroNameStart = pos;
    }
  }

  /**
   * KEY state: a bare or quoted key, its separator, and whether a nested key follows. Emits IOV106
   * (the file ends after the key, a second separator) and IOV107 (the file ends before the value).
   */
  private void parseKey() {
    if (at(pos) == '.') {
      macroDot = pos;
      pos++;
      prevState = state;
      state = State.MACRO_NAME;
      endOfObject = false;
      return;
    }
    int c = -1;
    boolean quoted = false;
    int keyEnd = -1;
    boolean[] esc = new boolean[2]; // needUnescape, varExpand
    boolean badChar = false;
    while (pos < end) {
      int ch = at(pos);
      if (c < 0) {
        if (remain() >= 2 && commentAt(pos)) {
          if (!skipComments()) return;
        } else if (is(ch, C_WS_UNSAFE)) {
          pos++;
        } else if (is(ch, C_KEY_START)) {
          c = pos;
          pos++;
          gotContent = true;
        } else if (ch == '"') {
          c = pos + 1;
          quoted = true;
          gotContent = true;
          pos++;
        } else if (ch == '}') {
          endOfObject = true;
          return;
        } else if (ch == '.') {
          macroDot = pos;
          pos++;
          prevState = state;
          state = State.MACRO_NAME;
          return;
        } else {
          badKeyStart(ch);
          return;
        }
      } else if (!quoted) {
        if (is(ch, C_KEY)) {
          pos++;
        } else if (is(ch, C_KEY_SEP)) {
          keyEnd = pos;
          break;
        } else {
          badKeyChar(c, ch);
          keyEnd = pos;
          badChar = true;
          break;
        }
      } else {
        boolean closed = lexJsonString(esc, c - 1);
        keyEnd = closed ? pos - 1 : pos;
        break;
      }
    }
    if (keyEnd < 0) {
      // Input ended inside the key (or only whitespace/comments were read).
      if (gotContent) {
        int ks = quoted ? c - 1 : c;
        emitKey(ks, end, c, end, quoted, esc[0]);
        report(SyntaxDiagnostics.BadKey.fileEndsAfterKey(src, src.text(new Span(c, end))));
        endOfObject = false;
        synthetic(NULL, end);
        state = State.AFTER_VALUE;
        gotContent = false;
      }
      return;
    }
    endOfObject = false;
    emitKey(
        quoted ? c - 1 : c, quoted ? Math.min(keyEnd + 1, end) : keyEnd, c, keyEnd, quoted, esc[0]);
    if (badChar && at(keyEnd) == '#') {
      // Recovery: `key#…` — the `#` starts the comment it looks like; the key gets no value.
      synthetic(NULL, keyEnd);
      state = State.AFTER_VALUE;
      gotContent = false;
      nextKey = false;
      return;
    }
    boolean gotEq = false;
    boolean gotColon = false;
    while (pos < end) {
      int ch = at(pos);
      if (is(ch, C_WS)) {
        pos++;
      } else if (ch == '=' || ch == ':') {
        if (!gotEq && !gotColon) {
          if (ch == '=') gotEq = true;
          else gotColon = true;
          pos++;
        } else {
          report(SyntaxDiagnostics.BadKey.secondSeparator(src, pos, ch));
          fillTo(pos);
          hidden(JUNK, pos, pos + 1);
          pos++;
        }
      } else if (remain() >= 2 && commentAt(pos)) {
        if (!skipComments()) return;
      } else {
        break;
      }
    }
    if (pos >= end) {
      report(
          SyntaxDiagnostics.MissingValue.fileEndsBeforeValue(src, src.text(new Span(c, keyEnd))));
      synthetic(NULL, end);
      state = State.AFTER_VALUE;
      gotContent = false;
      return;
    }
    if (!gotEq && !gotColon && !badChar) {
      // libucl: "key1 key2 { }" nests objects when a '{' or '[' follows on the same line.
      nextKey = false;
      int t = pos;
      if (at(t) != '{' && at(t) != '[') {
        // libucl scans to the end of the line for every key; remember the last scan so that a
        // line of many keys costs linear time (the answer is the same for every start inside it).
        if (t >= lookFrom && t <= lookTo) {
          nextKey = lookFound;
        } else {
          int from = t;
          while (t < end) {
            int ch = at(t);
            if (ch == ',' || ch == ';' || ch == '\n' || ch == '\r') break;
            if (ch == '{' || ch == '[') {
              nextKey = true;
              break;
            }
            t++;
          }
          lookFrom = from;
          lookTo = t;
          lookFound = nextKey;
        }
      }
    } else if (badChar) {
      nextKey = false;
    }
  }

  /** The KEY token for a key just read. Emits IOV106 (an empty key). */
  private void emitKey(
      int tokStart, int tokEnd, int c, int keyEnd, boolean quoted, boolean unescape) {
    String name;
    if (quoted && unescape) {
      name = Unescape.json(b, c, keyEnd - c);
    } else {
      name = latin1(c, Math.max(c, keyEnd));
    }
    UclToken t = emit(KEY, tokStart, tokEnd);
    t.value = name;
    t.priority = priority;
    if (name.isEmpty()) {
      report(SyntaxDiagnostics.BadKey.empty(src, tokStart, tokEnd));
    }
  }

  /** A byte that cannot start a key; skips the line. Emits IOV106. */
  private void badKeyStart(int ch) {
    int s = pos;
    int e = s;
    while (e < end && at(e) != '\n') e++;
    report(SyntaxDiagnostics.BadKey.badStart(src, s, ch));
    hidden(JUNK, s, e);
    pos = e;
    state = State.KEY;
  }

  /** A byte that cannot be part of the key being read. Emits IOV106. */
  private void badKeyChar(int keyStart, int ch) {
    report(SyntaxDiagnostics.BadKey.badChar(src, pos, ch, src.text(new Span(keyStart, pos))));
  }

  // ---------------------------------------------------------------- comments

  /**
   * libucl's ucl_skip_comments: {@code #} lines and nested {@code /* *}{@code /} blocks (a {@code
   * "} inside a block toggles a quoted state) that start exactly at {@code pos}, repeatedly.
   * Returns false after reporting an unterminated block comment (which then runs to the end). Emits
   * IOV104.
   */
  private boolean skipComments() {
    boolean quoted = false;
    while (true) {
      if (pos < end && at(pos) == '#') {
        int s = pos;
        while (pos < end && at(pos) != '\n') pos++;
        hidden(COMMENT, s, pos);
        if (pos < end) {
          pos++; // the newline
          continue;
        }
        return true;
      } else if (remain() >= 2 && at(pos) == '/' && at(pos + 1) == '*') {
        int s = pos;
        int nested = 1;
        pos += 2;
        while (pos < end) {
          int ch = at(pos);
          if (ch == '"' && at(pos - 1) != '\\') {
            quoted = !quoted;
            pos++;
          } else if (quoted) {
            pos++;
          } else if (remain() >= 2 && ch == '*' && at(pos + 1) == '/') {
            pos += 2;
            if (--nested == 0) break;
          } else if (remain() >= 2 && ch == '/' && at(pos + 1) == '*') {
            nested++;
            pos += 2;
          } else {
            pos++;
          }
        }
        hidden(COMMENT, s, pos);
        if (nested != 0) {
          swallowed = true;
          report(StringDiagnostics.unterminatedComment(src, s, quoted));
          return false;
        }
        continue;
      }
      return true;
    }
  }

  // ---------------------------------------------------------------- values

  /**
   * VALUE state: a string, a block, an array, a heredoc or an atom. Emits IOV105 (a heredoc whose
   * tag runs to the end of the file); the value's own codes come from the readers it calls.
   */
  private void parseValue() {
    if (pos < end && (is(at(pos), C_WS_UNSAFE) || (remain() >= 2 && commentAt(pos)))) {
      while (pos < end && is(at(pos), C_WS_UNSAFE)) pos++;
      skipComments();
    }
    if (pos >= end) {
      // libucl leaves the member's value as NULL and reports nothing.
      if (!top().array) synthetic(NULL, end);
      return;
    }
    int c = pos;
    int ch = at(pos);
    switch (ch) {
      case '"' -> {
        pos++;
        boolean[] esc = new boolean[2];
        boolean closed = lexJsonString(esc, c);
        int contentEnd = closed ? pos - 1 : pos;
        UclToken t = emit(STRING, c, pos);
        t.value = decode(c + 1, contentEnd, esc[0], false, esc[1]);
        state = State.AFTER_VALUE;
      }
      case '\'' -> {
        pos++;
        boolean[] esc = new boolean[1];
        boolean closed = lexSquotedString(esc, c);
        int contentEnd = closed ? pos - 1 : pos;
        UclToken t = emit(SQSTRING, c, pos);
        t.value = decode(c + 1, contentEnd, esc[0], true, false);
        state = State.AFTER_VALUE;
      }
      case '{' -> {
        pos++;
        push(false, top().level, true, c, false);
        state = State.KEY;
      }
      case '[' -> {
        pos++;
        push(true, top().level, true, c, false);
        state = State.VALUE;
      }
      case ']' -> {
        if (top().array) {
          state = State.AFTER_VALUE;
        } else {
          atom();
        }
      }
      case '<' -> {
        if (end - pos > 3 && at(pos + 1) == '<') {
          int q = pos + 2;
          while (q < end && at(q) >= 'A' && at(q) <= 'Z') q++;
          if (q == end) {
            swallowed = true;
            report(StringDiagnostics.UnterminatedHeredoc.noLineBreak(src, c));
            UclToken t = emit(HEREDOC, c, end);
            t.value = "";
            pos = end;
            state = State.AFTER_VALUE;
            return;
          }
          if (at(q) == '\n') {
            heredoc(c, q);
            return;
          }
        }
        atom();
      }
      default -> atom();
    }
  }

  /**
   * Unquoted value: a number when libucl can read one, else boolean/null/nan/inf or a string. Emits
   * IOV110 (a number beyond int64), IOV107 (no value) and IOV150 (a {@code //} in the value).
   */
  private void atom() {
    int c = pos;
    if (is(at(c), C_DIGIT_START)) {
      NumberLexer.Result r = NumberLexer.parse(b, c, end);
      if (r.status == NumberLexer.OK) {
        UclToken t;
        switch (r.type) {
          case NumberLexer.T_INT -> {
            t = emit(INT, c, r.textEnd);
            t.longValue = r.longValue;
          }
          case NumberLexer.T_FLOAT -> {
            t = emit(FLOAT, c, r.textEnd);
            t.doubleValue = r.doubleValue;
          }
          default -> {
            t = emit(TIME, c, r.textEnd);
            t.doubleValue = r.doubleValue;
          }
        }
        t.suffixed = r.suffixed;
        t.hex = r.hex;
        pos = r.next;
        state = State.AFTER_VALUE;
        return;
      }
      if (r.status == NumberLexer.RANGE) {
        report(SyntaxDiagnostics.numberRange(src, c, r.textEnd));
        UclToken t = emit(INT, c, r.textEnd);
        t.longValue = 0;
        pos = r.textEnd;
        state = State.AFTER_VALUE;
        return;
      }
    }
    // ucl_parse_string_value: up to a value end or a comment; balanced {} and [] are kept.
    int figOpen = 0;
    int figClose = 0;
    int sqOpen = 0;
    int sqClose = 0;
    boolean unescape = false;
    boolean expand = false;
    while (pos < end) {
      int ch = at(pos);
      if (ch == '{') {
        figOpen++;
      } else if (ch == '}') {
        figClose++;
        if (figClose <= figOpen) {
          pos++;
          continue;
        }
      } else if (ch == '[') {
        sqOpen++;
      } else if (ch == ']') {
        sqClose++;
        if (sqClose <= sqOpen) {
          pos++;
          continue;
        }
      } else if (ch == '$') {
        expand = true;
      } else if (ch == '\\') {
        unescape = true;
        pos++;
        if (pos < end) pos++;
        continue;
      }
      if (is(ch, C_VALUE_END) || (remain() >= 2 && commentAt(pos))) break;
      pos++;
    }
    int e = pos;
    while (e - 1 >= 0 && e > 0 && is(at(e - 1), C_WS) && e - 1 >= c) e--;
    // libucl strips backwards without a lower bound; only whitespace can precede c there.
    int strippedEnd = e;
    int p = e;
    while (p > c && is(at(p - 1), C_WS)) p--;
    strippedEnd = p;
    if (strippedEnd <= c) {
      report(SyntaxDiagnostics.MissingValue.empty(src, c, pos >= end ? -1 : at(pos)));
      synthetic(MISSING, c);
      state = State.AFTER_VALUE;
      return;
    }
    int len = strippedEnd - c;
    if (len == 4 && matches(c, "null")) {
      emit(NULL, c, strippedEnd);
    } else if (len == 3 && matches(c, "nan")) {
      UclToken t = emit(FLOAT, c, strippedEnd);
      t.doubleValue = Double.NaN;
    } else if (len == 3 && matches(c, "inf")) {
      UclToken t = emit(FLOAT, c, strippedEnd);
      t.doubleValue = Double.POSITIVE_INFINITY;
    } else {
      Boolean bool = booleanWord(c, len);
      if (bool != null) {
        UclToken t = emit(BOOL, c, strippedEnd);
        t.boolValue = bool;
      } else {
        UclToken t = emit(BARE, c, strippedEnd);
        t.value = decode(c, strippedEnd, unescape, false, expand);
        int slash = latin1(c, strippedEnd).indexOf("//");
        if (slash >= 0 && (slash == 0 || is(at(c + slash - 1), C_WS))) {
          diags.add(SyntaxDiagnostics.slashComment(c + slash, strippedEnd));
        }
      }
    }
    state = State.AFTER_VALUE;
  }

  private boolean matches(int at, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (at(at + i) != word.charAt(i)) return false;
    }
    return true;
  }

  private Boolean booleanWord(int c, int len) {
    String w = latin1(c, c + len);
    String l = asciiLower(w);
    switch (len) {
      case 5:
        return l.equals("false") ? Boolean.FALSE : null;
      case 4:
        return l.equals("true") ? Boolean.TRUE : null;
      case 3:
        if (l.equals("yes")) return Boolean.TRUE;
        if (l.equals("off")) return Boolean.FALSE;
        return null;
      case 2:
        if (l.equals("no")) return Boolean.FALSE;
        if (l.equals("on")) return Boolean.TRUE;
        return null;
      default:
        return null;
    }
  }

  static String asciiLower(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        if (sb == null) sb = new StringBuilder(s);
        sb.setCharAt(i, (char) (ch + 32));
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Value bytes as libucl stores them: unescaped (JSON or single-quote rules), then expanded. */
  private String decode(int s, int e, boolean unescape, boolean squote, boolean expand) {
    String v;
    if (unescape) {
      v = squote ? Unescape.squoted(b, s, e - s) : Unescape.json(b, s, e - s);
    } else {
      v = latin1(s, e);
    }
    if (expand) v = Unescape.expand(v, vars);
    return v;
  }

  /**
   * ucl_lex_json_string from {@code pos} (just after the opening quote). Returns true when the
   * closing quote was found; otherwise reports and recovers (the string ends at the line break or
   * the end of input). Emits IOV101 (no closing quote), IOV102 (a control character) and IOV103 (a
   * bad escape).
   */
  private boolean lexJsonString(boolean[] esc, int openQuote) {
    while (pos < end) {
      int c = at(pos);
      if (c < 0x1f) {
        if (c == '\n') {
          report(
              StringDiagnostics.UnterminatedString.atLineEnd(
                  src, openQuote, pos, pos > 0 && at(pos - 1) == '\r'));
          return false;
        }
        report(StringDiagnostics.controlInString(src, pos, c));
        pos++;
        continue;
      } else if (c == '\\') {
        pos++;
        if (pos >= end) {
          report(StringDiagnostics.BadEscape.endsInside(src, pos - 1, pos));
          return false;
        }
        c = at(pos);
        if (is(c, C_ESCAPE)) {
          if (c == 'u') {
            pos++;
            for (int i = 0; i < 4 && pos < end; i++) {
              if (!isHex(at(pos))) {
                report(StringDiagnostics.BadEscape.badUnicode(src, pos - 2 - i, pos + 1));
                break;
              }
              pos++;
            }
            if (pos >= end) {
              report(StringDiagnostics.BadEscape.endsInside(src, end, end));
              return false;
            }
          } else {
            pos++;
          }
        }
        esc[0] = true;
        continue;
      } else if (c == '"') {
        pos++;
        return true;
      } else if (c == '$') {
        esc[1] = true;
      }
      pos++;
    }
    swallowed = true;
    report(StringDiagnostics.UnterminatedString.neverClosed(src, openQuote));
    return false;
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * A single-quoted string from {@code pos}; true when its closing quote was found. Emits IOV103
   * (the file ends in an escape) and IOV101 (no closing quote).
   */
  private boolean lexSquotedString(boolean[] esc, int openQuote) {
    while (pos < end) {
      int c = at(pos);
      if (c == '\\') {
        pos++;
        if (pos >= end) {
          report(StringDiagnostics.BadEscape.endsInside(src, pos - 1, pos));
          return false;
        }
        pos++;
        esc[0] = true;
        continue;
      } else if (c == '\'') {
        pos++;
        return true;
      }
      pos++;
    }
    // libucl consumed everything; recover at the first line break after the quote.
    int nl = openQuote + 1;
    while (nl < end && at(nl) != '\n') nl++;
    report(StringDiagnostics.UnterminatedString.singleQuoted(src, openQuote, nl));
    pos = nl;
    return false;
  }

  /**
   * ucl_parse_multiline_string: {@code <<TAG\n … \nTAG}; the tag at {@code tagEnd}. Emits IOV105
   * (no closing line).
   */
  private void heredoc(int c, int nlAfterTag) {
    int tagStart = c + 2;
    int tagLen = nlAfterTag - tagStart;
    int p = nlAfterTag + 1;
    int body = p;
    boolean newline = false;
    boolean expand = false;
    int len = 0;
    int next = -1;
    while (p < end) {
      if (newline) {
        if (end - p < tagLen) {
          break;
        } else if (regionEquals(p, tagStart, tagLen)) {
          int tend = p + tagLen;
          if (tend < end && at(tend) != '\n' && at(tend) != ';' && at(tend) != ',') {
            p++;
            continue;
          }
          len = p - body;
          next = p + tagLen;
          break;
        }
      }
      if (at(p) == '\n') {
        newline = true;
      } else {
        if (at(p) == '$') expand = true;
        newline = false;
      }
      p++;
    }
    if (next < 0 || len == 0) {
      swallowed = true;
      report(
          StringDiagnostics.UnterminatedHeredoc.noClosingLine(
              src, c, nlAfterTag, latin1(tagStart, nlAfterTag)));
      UclToken t = emit(HEREDOC, c, end);
      t.value = latin1(body, end);
      pos = end;
      state = State.AFTER_VALUE;
      return;
    }
    UclToken t = emit(HEREDOC, c, next);
    String v = latin1(body, body + len - 1); // libucl drops the last byte (the newline)
    t.value = expand ? Unescape.expand(v, vars) : v;
    pos = next;
    state = State.AFTER_VALUE;
  }

  private boolean regionEquals(int a, int bStart, int len) {
    for (int i = 0; i < len; i++) {
      if (b[a + i] != b[bStart + i]) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- after value

  /**
   * AFTER_VALUE state: separators, comments and closing brackets. Emits IOV109 (a closing bracket
   * that matches nothing) and IOV108 (no separator before the next value).
   */
  private void afterValue() {
    boolean gotSep = false;
    while (pos < end) {
      int ch = at(pos);
      if (is(ch, C_WS)) {
        pos++;
      } else if (remain() >= 2 && commentAt(pos)) {
        if (!skipComments()) return;
        gotSep = true;
      } else if (is(ch, C_VALUE_END)) {
        if (ch == '}' || ch == ']') {
          Frame f = top();
          if ((ch == '}' && !f.array) || (ch == ']' && f.array)) {
            if (!f.obrace) {
              report(SyntaxDiagnostics.Unbalanced.closesImplicit(src, pos, f.openOffset));
              fillTo(pos);
              hidden(JUNK, pos, pos + 1);
              pos++;
              gotSep = true;
              continue;
            }
            fillTo(pos);
            pop(pos, true);
            // Pop the objects that nested keys opened implicitly (libucl: level changes).
            while (stack.size() >= 2 && stack.get(stack.size() - 2).level != top().level) {
              pop(pos, true);
            }
            pos++;
            if (stack.isEmpty()) {
              state = State.DONE;
              return;
            }
            gotSep = true;
          } else if (innermostWritten() == null) {
            // Only the implicit top-level object (and objects nested keys opened) are open: there
            // is no bracket to point at, so do not invent one.
            report(SyntaxDiagnostics.Unbalanced.closesNothing(src, pos, ch));
            fillTo(pos);
            hidden(JUNK, pos, pos + 1);
            pos++;
            gotSep = true;
          } else {
            // Point at the bracket the user wrote, not at an object a nested key opened.
            Frame g = innermostWritten();
            report(SyntaxDiagnostics.Unbalanced.mismatch(src, pos, ch, g.openOffset, g.array));
            fillTo(pos);
            hidden(JUNK, pos, pos + 1);
            pos++;
            gotSep = true;
          }
        } else {
          if (ch == 0 && firstNulSeparator < 0) firstNulSeparator = pos;
          gotSep = true;
          pos++;
        }
      } else {
        if (!gotSep) {
          report(SyntaxDiagnostics.missingDelimiter(src, pos));
        }
        break;
      }
    }
    if (stack.isEmpty()) {
      state = State.DONE;
    } else {
      state = top().array ? State.VALUE : State.KEY;
    }
  }

  // ---------------------------------------------------------------- macros

  /** MACRO_NAME state: the name after a {@code .}. Emits IOV111 (no name, an unknown name). */
  private void macroName() {
    while (pos < end && !is(at(pos), C_WS_UNSAFE) && at(pos) != '(') pos++;
    if (pos >= end) {
      // libucl reads the name one byte per step and simply stops at the end of input.
      UclToken t = emit(MACRO, macroDot, end);
      t.value = latin1(macroNameStart, end);
      return;
    }
    macroName = latin1(macroNameStart, pos);
    if (macroName.isEmpty()) {
      report(MacroDiagnostics.BadMacro.noName(src, macroDot, pos));
      recoverMacro();
      return;
    }
    switch (macroName) {
      case "priority" -> macroKnown = 1;
      case "include", "try_include", "includes", "load", "inherit" -> macroKnown = 2;
      default -> {
        report(MacroDiagnostics.BadMacro.unknown(src, macroDot, pos, macroName));
        recoverMacro();
        return;
      }
    }
    skipSpacesComments();
    state = State.MACRO;
  }

  private void recoverMacro() {
    int e = pos;
    while (e < end && at(e) != '\n') e++;
    UclToken t = emit(MACRO, macroDot, e);
    t.value = macroName;
    pos = e;
    state = prevState;
  }

  private void skipSpacesComments() {
    while (pos < end) {
      if (!is(at(pos), C_WS_UNSAFE)) {
        if (remain() >= 2 && commentAt(pos)) skipComments();
        break;
      }
      pos++;
    }
  }

  /**
   * MACRO state: the arguments and the value of a macro. Emits IOV111 (no value, a body never
   * closed, arguments that are not UCL) and IOV112 (.include and its kin).
   */
  private void macro() {
    String args = null;
    boolean argsFailed = false;
    if (at(pos) == '(') {
      int[] range = macroArguments();
      if (range != null) {
        args = latin1(range[0], range[1]);
        skipSpacesComments();
      } else {
        argsFailed = pos > 0 && at(pos - 1) == ')';
      }
    }
    int valueStart = -1;
    int valueEnd = -1;
    if (pos >= end) {
      report(MacroDiagnostics.BadMacro.noValue(src, macroDot, macroName));
      UclToken t = emit(MACRO, macroDot, end);
      t.value = macroName;
      return;
    }
    switch (at(pos)) {
      case '"' -> {
        int c = pos;
        pos++;
        boolean[] esc = new boolean[2];
        boolean closed = lexJsonString(esc, c);
        valueStart = c + 1;
        valueEnd = closed ? pos - 1 : pos;
      }
      case '{' -> {
        pos++;
        while (pos < end && is(at(pos), C_WS_UNSAFE)) pos++;
        int c = pos;
        while (pos < end && at(pos) != '}') pos++;
        if (pos >= end) {
          report(MacroDiagnostics.BadMacro.bodyNeverClosed(src, c));
          valueStart = c;
          valueEnd = end;
        } else {
          valueStart = c;
          valueEnd = pos;
          pos++;
        }
      }
      default -> {
        int c = pos;
        while (pos < end && !is(at(pos), C_VALUE_END)) pos++;
        valueStart = c;
        valueEnd = pos;
      }
    }
    int tokEnd = pos;
    while (pos < end && (is(at(pos), C_WS_UNSAFE) || at(pos) == ';')) pos++;
    String value = Unescape.expand(latin1(valueStart, valueEnd), vars);
    UclToken t = emit(MACRO, macroDot, tokEnd);
    t.value = macroName;
    t.macroValue = value;
    t.macroArgs = args;
    state = prevState;
    if (argsFailed) {
      report(MacroDiagnostics.BadMacro.argumentsOf(src, macroDot, tokEnd, macroName));
    }
    if (macroKnown == 2) {
      report(MacroDiagnostics.unsupportedMacro(macroDot, tokEnd, macroName));
    } else if (macroKnown == 1) {
      applyPriority(value, args, new Span(macroDot, tokEnd));
    }
  }

  /**
   * ucl_parse_macro_arguments: returns [start, end) of the text inside the parentheses. Emits
   * IOV111 (arguments that are not UCL).
   */
  private int[] macroArguments() {
    if (remain() < 2 || at(pos) != '(') return null;
    int save = pos;
    pos++;
    int c = pos;
    int obraces = 1;
    int ebraces = 0;
    int st = 0;
    int argsLen = 0;
    while (pos < end) {
      if (st == 0) {
        int ch = at(pos);
        if (ch == '(') obraces++;
        else if (ch == ')') ebraces++;
        else if (ch == '"') st = 1;
        if (obraces == ebraces) st = 99;
        else argsLen++;
        pos++;
      } else if (st == 1) {
        if (at(pos) == '"' && at(pos - 1) != '\\') st = 0;
        argsLen++;
        pos++;
      } else {
        String text = latin1(c, c + argsLen);
        SyntaxTree sub =
            Ucl.parse(
                new SourceText("<macro arguments>", text.getBytes(StandardCharsets.ISO_8859_1)),
                Map.of());
        if (sub.hasErrors()) {
          report(MacroDiagnostics.BadMacro.arguments(src, c, c + argsLen));
        }
        return new int[] {c, c + argsLen};
      }
    }
    pos = save < end ? pos : save;
    return null;
  }

  /**
   * ucl_priority_handler. Only the low 4 bits of a priority are kept by libucl objects. Emits
   * IOV111 (no value, not a whole number).
   */
  private void applyPriority(String value, String args, Span where) {
    Integer p = null;
    if (args != null) {
      SyntaxTree sub =
          Ucl.parse(
              new SourceText("<macro arguments>", args.getBytes(StandardCharsets.ISO_8859_1)),
              Map.of());
      if (sub.root() instanceof UValue.UObject o) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (UValue.UMember m : o.members()) {
          if (!seen.add(m.key().name())) continue;
          if (m.value() instanceof UValue.UInt i
              && "priority".startsWith(cString(m.key().name()))) {
            p = (int) i.value();
          }
        }
      }
    }
    if (!value.isEmpty()) {
      long[] parsed = strtol(value);
      if (parsed == null) {
        report(MacroDiagnostics.BadMacro.priorityNotNumber(src, where, value));
        return;
      }
      p = (int) parsed[0];
    }
    if (p == null) {
      report(MacroDiagnostics.BadMacro.priorityMissing(src, where));
      return;
    }
    priority = p;
  }

  private static String cString(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  /** strtol(s, &end, 10) that requires {@code *end == '\0'}; saturates like C. */
  static long[] strtol(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && (s.charAt(i) == ' ' || (s.charAt(i) >= 9 && s.charAt(i) <= 13))) i++;
    boolean neg = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    int digits = i;
    long v = 0;
    boolean overflow = false;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int d = s.charAt(i) - '0';
      if (!overflow) {
        if (v > (Long.MAX_VALUE - d) / 10) overflow = true;
        else v = v * 10 + d;
      }
      i++;
    }
    if (i == digits) {
      // no digits: end pointer is the start of the string
      return s.isEmpty() ? new long[] {0} : null;
    }
    if (i != n) return null;
    if (overflow) return new long[] {neg ? Long.MIN_VALUE : Long.MAX_VALUE};
    return new long[] {neg ? -v : v};
  }
}
