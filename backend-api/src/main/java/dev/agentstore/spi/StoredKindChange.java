package dev.agentstore.spi;

import java.time.Instant;

/**
 * One applied version of an application-defined kind's definition, as the store's change log
 * keeps it: an archive carries the whole log (docs/portability.md) so that an import reproduces
 * each kind's version, its history of changes and the order kinds were first declared in.
 *
 * <p>Usage: {@code List<StoredKindChange> log = backend.read(BackendTransaction::kindChanges);}
 *
 * @param name the kind's qualified name, {@code group/Kind}
 * @param version the definition version this change made, from 1
 * @param definitionJson the definition as applied ({@code KindDefinition.toJson()})
 * @param appliedAt when it was applied (the store's clock)
 * @param declaredOrder the kind's first-declared position among the store's kinds (the same for
 *     every version of one kind)
 */
public record StoredKindChange(String name, long version, String definitionJson,
    Instant appliedAt, long declaredOrder) {}
