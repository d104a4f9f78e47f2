package org.autofsrestore.ui.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything the details screen shows about one mount.
 *
 * @param id the {@link MountRow#id()}
 * @param mountpoint the mountpoint in the dump
 * @param source the mount source (map name), e.g. {@code /etc/auto.f1}
 * @param mode the mount type
 * @param imageName the autofs image this mount's state comes from, e.g. {@code autofs-44.img}
 * @param rawOptions the option string exactly as in the dump
 * @param options the options as the kernel parses them, in string order
 * @param dumpValues mount options vs autofs-N.img, field by field
 * @param owner the owner process, when resolved
 * @param pipe the owner's pipe ends, when resolved
 * @param ownerNote a sentence shown instead of (or next to) the owner, e.g. "catatonic: no owner to
 *     resolve"; empty when there is nothing to say
 * @param findings this mount's findings, worst first
 */
public record MountDetails(
    String id,
    String mountpoint,
    String source,
    MountMode mode,
    String imageName,
    String rawOptions,
    List<DecodedOption> options,
    List<DumpValue> dumpValues,
    Optional<OwnerProcess> owner,
    Optional<PipeEnds> pipe,
    String ownerNote,
    List<Finding> findings) {}
