package dev.agentstore;

/**
 * What deleting a referenced resource does to the resources of a declared kind that reference
 * it. Declared references are RESTRICT for now: the database's foreign key refuses the delete
 * while anything references the resource. CASCADE and SET_NULL are reserved (a definition that
 * asks for them is refused): the store will apply them itself, with history rows for the
 * dependents, before the referenced row goes.
 *
 * <p>Usage: {@code FieldRule.references(Kind.WORKFLOW, OnDelete.RESTRICT)}
 */
public enum OnDelete {
  /** The referenced resource cannot be deleted while anything references it (the default). */
  RESTRICT,
  /** The referencing resources are deleted too. */
  CASCADE,
  /** The referencing field is removed from the referencing resources. */
  SET_NULL
}
