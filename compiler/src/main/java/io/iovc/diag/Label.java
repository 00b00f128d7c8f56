package io.iovc.diag;

import io.iovc.source.Span;

/** A secondary span with a short message, e.g. "first defined here". */
public record Label(Span span, String message) {}
