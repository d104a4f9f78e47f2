package org.autofsrestore.app.dump.archive;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Optional;
import org.autofsrestore.app.dump.DumpUnreadableException;

/**
 * Reads which container a checkpoint archive holds from its engine's metadata, the way
 * checkpointctl does (internal/container.go, lib/metadata.go): spec.dump (the OCI runtime spec) has
 * the annotation {@code io.container.manager}, {@code libpod} for Podman and {@code cri-o} for
 * CRI-O (and the kubelet, which checkpoints through CRI-O); config.dump (Podman's ContainerConfig,
 * which CRI-O writes too) has {@code id}, {@code name} and {@code checkpointedTime}. CRI-O's
 * Kubernetes container name is the {@code name} of the JSON in the annotation {@code
 * io.kubernetes.cri-o.Metadata}; containerd's is in {@code io.kubernetes.cri.container-name}.
 */
final class ContainerMetadata {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Go's zero time.Time: the engine did not set the field. */
  private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  private ContainerMetadata() {}

  /**
   * The container described by config.dump and spec.dump (either may be null: absent), or empty
   * when the archive has neither.
   *
   * @throws DumpUnreadableException when one is there but is not the JSON object an engine writes
   */
  static Optional<Container> read(Path archive, byte[] configDump, byte[] specDump)
      throws DumpUnreadableException {
    if (configDump == null && specDump == null) {
      return Optional.empty();
    }
    JsonNode config = parse(archive, "config.dump", configDump);
    JsonNode annotations = parse(archive, "spec.dump", specDump).path("annotations");
    String manager = text(annotations, "io.container.manager");
    String id = text(config, "id");
    String name = text(config, "name");
    String checkpointed = text(config, "checkpointedTime");
    if (GO_ZERO_TIME.equals(checkpointed)) {
      checkpointed = null;
    }
    if ("libpod".equals(manager)) {
      return Optional.of(new Container("Podman", name, id, checkpointed, null, null));
    }
    String pod = text(annotations, "io.kubernetes.pod.name");
    String namespace = text(annotations, "io.kubernetes.pod.namespace");
    if ("cri-o".equals(manager)) {
      String metadata = text(annotations, "io.kubernetes.cri-o.Metadata");
      if (metadata != null) {
        String kubernetesName =
            text(
                parse(archive, "spec.dump's io.kubernetes.cri-o.Metadata", bytes(metadata)),
                "name");
        name = kubernetesName != null ? kubernetesName : name;
      }
      if (id == null) {
        id = text(annotations, "io.kubernetes.cri-o.ContainerID");
      }
      return Optional.of(new Container("CRI-O", name, id, checkpointed, pod, namespace));
    }
    String containerdName = text(annotations, "io.kubernetes.cri.container-name");
    if (containerdName != null) {
      return Optional.of(
          new Container(
              "containerd",
              containerdName,
              id,
              checkpointed,
              text(annotations, "io.kubernetes.cri.sandbox-name"),
              text(annotations, "io.kubernetes.cri.sandbox-namespace")));
    }
    return Optional.of(new Container("unknown", name, id, checkpointed, pod, namespace));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The JSON object in {@code bytes}; an empty object when absent. */
  private static JsonNode parse(Path archive, String what, byte[] bytes)
      throws DumpUnreadableException {
    if (bytes == null) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new DumpUnreadableException(
          archive,
          archive
              + ": "
              + what
              + " is not JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + "); the archive is damaged: copy it again or checkpoint again",
          e);
    } catch (java.io.IOException e) {
      throw new DumpUnreadableException(archive, archive + ": cannot read " + what + ": " + e, e);
    }
    if (node == null || !node.isObject()) {
      throw new DumpUnreadableException(
          archive,
          archive
              + ": "
              + what
              + " is not a JSON object; the archive is damaged: copy it again or checkpoint"
              + " again");
    }
    return node;
  }

  private static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
