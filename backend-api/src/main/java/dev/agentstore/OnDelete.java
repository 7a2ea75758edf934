package dev.agentstore;

/**
 * What deleting a referenced resource does to the resources of a declared kind that reference
 * it (a {@link FieldRule#references(Kind, OnDelete)} field). The store applies the rule itself,
 * in the transaction of the delete, before the referenced row goes; the database's foreign key
 * stays RESTRICT underneath, so nothing that bypasses the store can leave a dangling reference.
 * See docs/custom-kinds.md for the whole graph walk and its bound.
 *
 * <p>Usage: {@code FieldRule.references(Kind.WORKFLOW, OnDelete.CASCADE)}
 */
public enum OnDelete {
  /**
   * The referenced resource cannot be deleted while anything references it (the default): the
   * delete is refused with a {@link FailedPreconditionException} naming the referrers.
   */
  RESTRICT,
  /**
   * The referencing resources are deleted too, each through the normal delete path (a DELETED
   * history entry and change, its own referrers' rules applied in turn).
   */
  CASCADE,
  /**
   * The referencing field is removed from the referencing resources, each an update through the
   * normal path (the next version, an UPDATED history entry and change). Not allowed on a
   * required field.
   */
  SET_NULL
}
