package io.iovc.diag;

import io.iovc.source.Span;

/** Replace the bytes of {@code span} with {@code text} (UTF-8). An empty span inserts. */
public record Edit(Span span, String text) {}
