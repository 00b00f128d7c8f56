;;; iovctl-mode.el --- Major mode for FreeBSD iovctl.conf files -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: languages, FreeBSD, SR-IOV

;;; Commentary:

;; A major mode for FreeBSD's SR-IOV configuration files (iovctl.conf(5), UCL): highlighting,
;; comments (`#' and nested `/* */'), indentation, and an eglot registration for the iovc
;; language server (`iovc lsp'): diagnostics, completion, hover, quick fixes, formatting.
;;
;;   (require 'iovctl-mode)            ; or autoload it
;;   (add-hook 'iovctl-mode-hook #'eglot-ensure)
;;
;; Files are recognised by name and place: /etc/iov/*.conf, iovctl*.conf, *.iovctl.conf.
;; Server settings go in `eglot-workspace-configuration', e.g.
;;   (setq-default eglot-workspace-configuration '(:iovc (:driver "ixl")))

;;; Code:

(defgroup iovctl nil
  "FreeBSD iovctl.conf files."
  :group 'languages
  :prefix "iovctl-")

(defcustom iovctl-lsp-command '("iovc" "lsp")
  "Command that starts the iovc language server.
Only its global value counts: a file's local variables or a project's
.dir-locals.el never choose the program that runs, even if accepted."
  :risky t
  :type '(repeat string))

(defcustom iovctl-indent-offset tab-width
  "Indentation of one block level."
  :type 'integer)

(defvar iovctl-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "< b" st)
    (modify-syntax-entry ?\n "> b" st)
    (modify-syntax-entry ?/ ". 14" st)
    (modify-syntax-entry ?* ". 23n" st)
    (modify-syntax-entry ?- "_" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?. "_" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?' "\"" st)
    (modify-syntax-entry ?= "." st)
    (modify-syntax-entry ?: "." st)
    (modify-syntax-entry ?\; "." st)
    st)
  "Syntax table for `iovctl-mode'.")

(defconst iovctl-font-lock-keywords
  `(("\\_<\\(iovc\\)\\s-+\\(disable\\(?:-next-line\\|-file\\)?\\)\\s-*=\\s-*\\([A-Za-z0-9_, ]+\\)"
     (1 font-lock-preprocessor-face prepend) (2 font-lock-preprocessor-face prepend) (3 font-lock-constant-face prepend))
    ("\\_<\\(iovc\\):\\s-*driver\\s-*=\\s-*\\([A-Za-z0-9_.-]+\\)"
     (1 font-lock-preprocessor-face prepend) (2 font-lock-type-face prepend))
    ("//.*$" . (0 font-lock-warning-face t))
    (,(concat "\\_<\\(" (regexp-opt '("PF" "DEFAULT" "pf" "default")) "\\|[Vv][Ff]-\\(?:0\\|[1-9][0-9]*\\)\\)\\_>\\s-*{")
     1 font-lock-type-face)
    ("\\_<\\([A-Za-z_][A-Za-z0-9_.-]*\\)\\_>\\s-*[=:]" 1 font-lock-variable-name-face)
    ("^\\s-*\\(\\.[A-Za-z_]+\\)" 1 font-lock-preprocessor-face)
    (,(regexp-opt '("true" "false" "yes" "no" "on" "off" "null" "trunk") 'symbols) . font-lock-constant-face)
    ("\\_<[-+]?\\(?:0[xX][0-9A-Fa-f]+\\|[0-9]+\\(?:\\.[0-9]+\\)?\\)\\(?:[kKmMgG][bB]?\\|ms\\|min\\|[sdwy]\\)?\\_>" . font-lock-constant-face))
  "Highlighting for `iovctl-mode'.")

(defun iovctl-indent-line ()
  "Indent the current line by its brace depth."
  (interactive)
  (let* ((depth (save-excursion (back-to-indentation) (car (syntax-ppss))))
         (closing (save-excursion (back-to-indentation) (looking-at-p "[]}]")))
         (level (max 0 (if closing (1- depth) depth)))
         (offset (- (current-column) (current-indentation))))
    (indent-line-to (* level iovctl-indent-offset))
    (when (> offset 0) (move-to-column (+ (current-indentation) offset)))))

;;;###autoload
(define-derived-mode iovctl-mode prog-mode "iovctl"
  "Major mode for FreeBSD iovctl.conf(5) files (UCL)."
  :syntax-table iovctl-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?:#+\\|/\\*+\\)\\s-*")
  (setq-local font-lock-defaults '(iovctl-font-lock-keywords))
  (setq-local indent-line-function #'iovctl-indent-line)
  (setq-local indent-tabs-mode t))

;;;###autoload
(progn
  (add-to-list 'auto-mode-alist '("/etc/iov/[^/]*\\.conf\\'" . iovctl-mode))
  (add-to-list 'auto-mode-alist '("/iovctl[^/]*\\.conf\\'" . iovctl-mode))
  (add-to-list 'auto-mode-alist '("\\.iovctl\\.conf\\'" . iovctl-mode)))

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(iovctl-mode . ,(lambda (&optional _interactive) (default-value 'iovctl-lsp-command)))))

(provide 'iovctl-mode)
;;; iovctl-mode.el ends here
