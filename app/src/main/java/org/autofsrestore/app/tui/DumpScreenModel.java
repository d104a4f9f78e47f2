package org.autofsrestore.app.tui;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.Owner;
import org.autofsrestore.app.dump.AutofsImage;
import org.autofsrestore.kernel.probe.AutofsOptionString;
import org.autofsrestore.ui.model.DecodedOption;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.DumpValue;
import org.autofsrestore.ui.model.LiveHost;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.MountMode;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.OwnerProcess;
import org.autofsrestore.ui.model.PipeEnds;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.Severity;

/** The inspected dump as the UI shows it. Mount ids are mount points. */
public final class DumpScreenModel implements DumpModel {
  private final Inspection inspection;
  private final SessionInfo session;
  private final Path logFile;
  private final Map<String, AutofsMount> byId = new LinkedHashMap<>();
  private final List<MountRow> rows;
  private final Optional<LiveHost> live;

  DumpScreenModel(Inspection inspection, SessionInfo session, Path logFile) {
    this(inspection, session, logFile, Optional.empty());
  }

  /** As above, with the live host to show beside the dump. */
  DumpScreenModel(
      Inspection inspection, SessionInfo session, Path logFile, Optional<LiveHost> live) {
    this.live = live;
    this.inspection = inspection;
    this.session = session;
    this.logFile = logFile;
    List<MountRow> list = new ArrayList<>(inspection.mounts().size());
    for (AutofsMount m : inspection.mounts()) {
      byId.put(m.mountpoint(), m);
      list.add(row(m));
    }
    this.rows = List.copyOf(list);
  }

  @Override
  public SessionInfo session() {
    return session;
  }

  @Override
  public List<MountRow> mounts() {
    return rows;
  }

  @Override
  public MountDetails details(String mountId) {
    AutofsMount m = Objects.requireNonNull(byId.get(mountId), mountId);
    Optional<AutofsImage> image = m.image().value();
    return new MountDetails(
        mountId,
        m.mountpoint(),
        m.mount().source(),
        mode(m),
        m.image().file().getFileName().toString(),
        m.options().raw(),
        m.options().words().stream().map(DumpScreenModel::decoded).toList(),
        dumpValues(m, image),
        m.owner()
            .map(
                o -> new OwnerProcess(o.pid(), o.ppid(), o.pgid(), o.sid(), nullToEmpty(o.comm()))),
        m.owner().filter(o -> o.pipeFd() != null).map(o -> pipe(o, m)),
        ownerNote(m),
        m.findings().stream().map(DumpScreenModel::finding).toList());
  }

  @Override
  public List<org.autofsrestore.ui.model.Finding> findings() {
    return inspection.allFindings().stream()
        .sorted(Finding.WORST_FIRST)
        .map(DumpScreenModel::finding)
        .toList();
  }

  @Override
  public List<String> logTail(int maxLines) {
    return tail(logFile, maxLines);
  }

  @Override
  public Optional<LiveHost> liveHost() {
    return live;
  }

  static org.autofsrestore.ui.model.Finding finding(Finding f) {
    return new org.autofsrestore.ui.model.Finding(
        f.code().code(),
        Severity.valueOf(f.severity().name()),
        nullToEmpty(f.mountpoint()),
        f.message(),
        f.action(),
        f.code().source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  private static MountRow row(AutofsMount m) {
    return new MountRow(
        m.mountpoint(),
        m.mountpoint(),
        mode(m),
        m.timeout() == null ? 0 : m.timeout(),
        m.fd() == null ? -1 : m.fd(),
        m.pgrp() != null ? m.pgrp() : m.optionsPgrp() == null ? 0 : m.optionsPgrp(),
        m.owner().map(Owner::comm).map(DumpScreenModel::nullToEmpty).orElse(""),
        m.catatonic(),
        m.worstFinding().map(DumpScreenModel::finding));
  }

  private static MountMode mode(AutofsMount m) {
    return m.mode().map(mode -> MountMode.valueOf(mode.name())).orElse(MountMode.UNKNOWN);
  }

  private static DecodedOption decoded(AutofsOptionString.Word w) {
    String note =
        switch (w.kind()) {
          case MOUNT_OPTION ->
              switch (w.name()) {
                case "fd", "pgrp" -> "rewritten on restore";
                case "strictexpire", "ignore" -> "kept here; CRIU drops it";
                default -> "";
              };
          case STATE -> "shown by mountinfo, not a mount option: dropped";
          case MODE -> "mode";
          case UNKNOWN -> "unknown: the kernel refuses it";
          case MALFORMED -> "malformed";
        };
    return new DecodedOption(w.name(), w.value() == null ? "" : w.value(), note);
  }

  private static List<DumpValue> dumpValues(AutofsMount m, Optional<AutofsImage> image) {
    AutofsOptionString o = m.options();
    List<DumpValue> values = new ArrayList<>();
    values.add(value("fd", o.fd(), image.map(AutofsImage::fd)));
    values.add(
        new DumpValue(
            "pgrp",
            show(o.pgrp()),
            show(image.map(AutofsImage::pgrp)),
            false)); // differs by design: outside vs inside the dump's pid namespace
    values.add(value("timeout", o.timeout(), image.map(i -> (long) i.timeout())));
    values.add(value("minproto", o.minproto(), image.map(AutofsImage::minproto)));
    values.add(value("maxproto", o.maxproto(), image.map(AutofsImage::maxproto)));
    values.add(
        value(
            "mode",
            o.mode(),
            image.map(
                i -> AutofsMode.ofWire(i.mode()).map(AutofsMode::option).orElse("" + i.mode()))));
    values.add(value("uid", o.uid(), image.map(AutofsImage::uid)));
    values.add(value("gid", o.gid(), image.map(AutofsImage::gid)));
    values.add(new DumpValue("read_fd", "-", show(image.map(AutofsImage::readFd)), false));
    values.add(new DumpValue("pipe_ino", show(o.pipeIno()), "-", false));
    return values;
  }

  private static <T> DumpValue value(String field, Optional<T> options, Optional<T> image) {
    boolean differs = options.isPresent() && image.isPresent() && !options.equals(image);
    return new DumpValue(field, show(options), show(image), differs);
  }

  private static String show(Optional<?> value) {
    return value.map(Object::toString).orElse("-");
  }

  private static PipeEnds pipe(Owner o, AutofsMount m) {
    return new PipeEnds(
        o.readEndFd() == null ? OptionalInt.empty() : OptionalInt.of(o.readEndFd()),
        o.writeEndFd() == null ? OptionalInt.empty() : OptionalInt.of(o.writeEndFd()),
        OptionalInt.of(o.pipeFd()),
        m.pipeIno() == null ? -1 : m.pipeIno());
  }

  private static String ownerNote(AutofsMount m) {
    if (m.catatonic()) {
      return "catatonic in the dump: no owner to resolve";
    }
    if (m.owner().isEmpty()) {
      return m.image().value().isEmpty()
          ? "owner not resolved: " + m.image().file().getFileName() + " could not be read"
          : "owner not resolved: see the findings";
    }
    Owner o = m.owner().get();
    if (o.pipeFd() == null) {
      return "the owner's pipe could not be resolved: see the findings";
    }
    return o.writeEndOpen()
        ? "the owner holds both pipe ends"
        : "the owner closed the write end; CRIU reached the pipe through read_fd";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The last lines of a file, read from its end (the log may be large). */
  static List<String> tail(Path file, int maxLines) {
    if (maxLines <= 0) {
      return List.of();
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      long start = Math.max(0, length - 64L * 1024);
      f.seek(start);
      byte[] bytes = new byte[(int) (length - start)];
      f.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
      Deque<String> last = new ArrayDeque<>();
      for (int i = start > 0 ? 1 : 0; i < lines.length; i++) {
        last.addLast(lines[i]);
        if (last.size() > maxLines) {
          last.removeFirst();
        }
      }
      return List.copyOf(last);
    } catch (IOException e) {
      return List.of();
    }
  }
}
