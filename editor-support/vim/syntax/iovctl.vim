" Vim syntax file
" Language: FreeBSD iovctl.conf(5) — UCL as libucl reads it, with iovctl's sections
if exists("b:current_syntax") | finish | endif

syn case ignore
syn match   iovctlSection   "\<\%(PF\|DEFAULT\|VF-\%(0\|[1-9]\d*\)\)\ze\s*{"
syn case match

syn match   iovctlKey       "\<[A-Za-z_][A-Za-z0-9_.-]*\ze\s*[:=]"
syn match   iovctlKey       "^\s*\zs[A-Za-z_][A-Za-z0-9_.-]*\ze\s\+[^ \t:={};,#/]"
syn match   iovctlOperator  "[:=]"
syn match   iovctlDelimiter "[;,]"
syn region  iovctlBlock     matchgroup=iovctlBrace start="{" end="}" transparent fold

syn region  iovctlString    start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=iovctlEscape,iovctlVar oneline
syn region  iovctlString    start=+'+ skip=+\\'+ end=+'+ oneline
syn region  iovctlHeredoc   matchgroup=iovctlHeredocTag start="<<\z([A-Z]\+\)$" end="^\z1$"
syn match   iovctlEscape    contained +\\[\\"/bfnrt]\|\\u\x\{4}+
syn match   iovctlVar       contained "\$\%({\w\+}\|\w\+\)"

syn case ignore
syn keyword iovctlBoolean   true false yes no on off
syn keyword iovctlConstant  null trunk
syn case match
syn match   iovctlNumber    "\%(^\|[^A-Za-z0-9_.-]\)\zs[-+]\=\%(0[xX]\x\+\|\d\+\%(\.\d\+\)\=\%([eE][-+]\=\d\+\)\=\)\%([kKmMgG][bB]\=\|ms\|min\|[sdwy]\)\=\ze\%([^A-Za-z0-9_.-]\|$\)"
syn match   iovctlMacro     "^\s*\.\h\w*"

syn match   iovctlDirective contained "\<iovc\s\+disable\%(-next-line\|-file\)\=\s*=\s*[A-Za-z0-9_, ]\+"
syn match   iovctlDirective contained "\<iovc:\s*driver\s*=\s*[A-Za-z0-9_.-]\+"
syn match   iovctlComment   "#.*$" contains=iovctlDirective,@Spell
syn region  iovctlBlockComment start="/\*" end="\*/" contains=iovctlBlockComment,iovctlDirective,@Spell fold
" `//` is not a comment in UCL (libucl reads it as a key): show it as an error
syn match   iovctlSlash     "//.*$"

hi def link iovctlSection   Structure
hi def link iovctlKey       Identifier
hi def link iovctlOperator  Operator
hi def link iovctlDelimiter Delimiter
hi def link iovctlBrace     Delimiter
hi def link iovctlString    String
hi def link iovctlHeredoc   String
hi def link iovctlHeredocTag Special
hi def link iovctlEscape    SpecialChar
hi def link iovctlVar       PreProc
hi def link iovctlBoolean   Boolean
hi def link iovctlConstant  Constant
hi def link iovctlNumber    Number
hi def link iovctlMacro     PreProc
hi def link iovctlDirective PreProc
hi def link iovctlComment   Comment
hi def link iovctlBlockComment Comment
hi def link iovctlSlash     Error

let b:current_syntax = "iovctl"
