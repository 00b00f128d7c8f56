/*
 * UCL as libucl reads iovctl.conf (spec/freebsd-iovctl.md §2).
 *
 * The tokens come from UclScanner, a hand-written TokenSource that follows libucl's state
 * machine byte for byte (keys vs. values vs. after-value, number suffixes that look ahead over
 * the rest of the file, heredoc terminators, nested comments). It makes every structure explicit:
 * the implicit top-level object and the objects opened by nested keys (`a b { }`) arrive as
 * zero-width LBRACE/RBRACE tokens, separators and comments on the hidden channel, and content
 * nested deeper than UclScanner.MAX_TREE_DEPTH as one DEEP token. So this grammar is tiny and the
 * tree it builds can never be deeper than that bound.
 */
parser grammar UclParser;

tokens {
  KEY, LBRACE, RBRACE, LBRACK, RBRACK,
  STRING, SQSTRING, HEREDOC, BARE, INT, FLOAT, TIME, BOOL, NULL,
  MACRO, DEEP, MISSING,
  WS, NEWLINE, COMMENT, SEP, SEMI, COMMA, TRAILING, JUNK
}

document : value EOF ;

value    : object | array | scalar | DEEP | MISSING ;

object   : LBRACE member* RBRACE ;

member   : MACRO | KEY value ;

array    : LBRACK value* RBRACK ;

scalar   : STRING | SQSTRING | HEREDOC | BARE | INT | FLOAT | TIME | BOOL | NULL ;
