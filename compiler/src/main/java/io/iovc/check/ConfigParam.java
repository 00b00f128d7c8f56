package io.iovc.check;

import io.iovc.schema.Schema;
import io.iovc.syntax.UValue.UMember;

/**
 * One accepted parameter: its name exactly as written (iovctl keeps the user's spelling), the
 * converted value, where it came from, and its schema entry.
 */
public record ConfigParam(
    String name, TypedValue value, UMember member, Schema.Param schemaParam) {}
