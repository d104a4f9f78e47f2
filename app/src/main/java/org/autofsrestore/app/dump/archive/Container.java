package org.autofsrestore.app.dump.archive;

/**
 * The container a checkpoint archive was taken of, as its engine wrote it in config.dump and
 * spec.dump. A value the archive does not hold is null.
 *
 * @param engine {@code Podman}, {@code CRI-O}, {@code containerd}, or {@code unknown}
 * @param name the container's name (for CRI-O, the Kubernetes container name)
 * @param id the engine's container id
 * @param checkpointed when the checkpoint was taken, as the engine wrote it (RFC 3339)
 * @param pod the Kubernetes pod (CRI-O, containerd)
 * @param namespace the Kubernetes namespace of the pod (CRI-O, containerd)
 */
public record Container(
    String engine, String name, String id, String checkpointed, String pod, String namespace) {

  /** One line for a header: {@code Podman container web (id 1a2b3c4d5e6f), checkpointed T}. */
  public String describe() {
    StringBuilder line = new StringBuilder(engine).append(" container ");
    line.append(name == null ? "?" : name);
    if (id != null) {
      line.append(" (id ").append(id.length() > 12 ? id.substring(0, 12) : id).append(')');
    }
    if (pod != null) {
      line.append(", pod ").append(namespace == null ? "" : namespace + "/").append(pod);
    }
    if (checkpointed != null) {
      line.append(", checkpointed ").append(checkpointed);
    }
    return line.toString();
  }
}
