package org.autofsrestore.app.dump.archive;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
  private static final JsonFactory FACTORY = new JsonFactory();

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
    Map<String, String> config = parse(archive, "config.dump", configDump, null);
    Map<String, String> annotations =
        annotationsOf(parse(archive, "spec.dump", specDump, "annotations"));
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
                parse(archive, "spec.dump's io.kubernetes.cri-o.Metadata", bytes(metadata), null),
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

  private static Map<String, String> annotationsOf(Map<String, String> spec) {
    Map<String, String> annotations = new HashMap<>();
    spec.forEach(
        (k, v) -> {
          if (k.startsWith("annotations.")) {
            annotations.put(k.substring("annotations.".length()), v);
          }
        });
    return annotations;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The string members of the JSON object in {@code bytes} (none when absent), and those of its
   * object member {@code nested} as {@code nested.NAME}. Streamed with jackson-core: a tree mapper
   * costs a cold JVM over 100 ms, more than the rest of an archive's reading.
   */
  private static Map<String, String> parse(Path archive, String what, byte[] bytes, String nested)
      throws DumpUnreadableException {
    Map<String, String> strings = new HashMap<>();
    if (bytes == null) {
      return strings;
    }
    // RFC 8259: JSON between systems is UTF-8. Decoded strictly first, so that jackson never
    // guesses another encoding (UTF-16/32) from the first bytes of a damaged file.
    String text;
    try {
      text =
          java.nio.charset.StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new DumpUnreadableException(
          archive,
          archive
              + ": "
              + what
              + " is not UTF-8 text; the archive is damaged: copy it again or checkpoint again",
          e);
    }
    try (JsonParser json = FACTORY.createParser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new DumpUnreadableException(
            archive,
            archive
                + ": "
                + what
                + " is not a JSON object; the archive is damaged: copy it again or checkpoint"
                + " again");
      }
      members(json, "", nested, strings);
    } catch (JacksonException e) {
      throw new DumpUnreadableException(
          archive,
          archive
              + ": "
              + what
              + " is not JSON ("
              + e.getOriginalMessage()
              + " at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + "); the archive is damaged: copy it again or checkpoint again",
          e);
    } catch (java.io.IOException e) {
      throw new DumpUnreadableException(
          archive, archive + ": cannot read " + what + ": " + e.getMessage(), e);
    }
    return strings;
  }

  /** The members of the object whose START_OBJECT was just read, up to its END_OBJECT. */
  private static void members(
      JsonParser json, String prefix, String nested, Map<String, String> into)
      throws java.io.IOException {
    JsonToken token;
    while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      JsonToken value = json.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        into.put(prefix + name, json.getText());
      } else if (value == JsonToken.START_OBJECT && prefix.isEmpty() && name.equals(nested)) {
        members(json, nested + ".", null, into);
      } else {
        json.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new com.fasterxml.jackson.core.JsonParseException(json, "unexpected " + token);
    }
  }

  private static String text(Map<String, String> object, String field) {
    String value = object.get(field);
    return value == null || value.isEmpty() ? null : value;
  }
}
