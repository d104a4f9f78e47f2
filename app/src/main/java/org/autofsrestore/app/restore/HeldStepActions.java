package org.autofsrestore.app.restore;

import java.util.Map;
import org.autofsrestore.kernel.FdIdentity;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.MountApiCall;
import org.autofsrestore.kernel.MountQuery;
import org.autofsrestore.kernel.PathAtCall;
import org.autofsrestore.kernel.PathCall;

/**
 * The {@link StepAction}s of the steps that hold the root, the target and the mount by fd ({@link
 * HeldMountSteps}): each spells its call with {@code <name>} for a fd not opened yet, and records
 * the fd it opens under the name its step produces. A step that opens a fd under a name already
 * held closes the fd it replaces (the walk down missing directories keeps one {@code <dir.fd>}).
 */
final class HeldStepActions {
  private HeldStepActions() {}

  static final StepAction.KernelStep<Integer> OPEN_ROOT =
      new Opening() {
        @Override
        public KernelCall<Integer> call(StepArgs a) {
          return new PathCall.Open(a.shown(0), a.integer(1));
        }
      };

  static final StepAction.KernelStep<Integer> RESOLVE =
      new Opening() {
        @Override
        public KernelCall<Integer> call(StepArgs a) {
          return new PathAtCall.OpenAt2(a.integer(0), a.shown(1), a.integer(2), a.number(3));
        }

        @Override
        public String text(StepArgs a) {
          return PathAtCall.OpenAt2.text(a.shown(0), a.shown(1), a.integer(2), a.number(3));
        }
      };

  static final StepAction.KernelStep<Integer> OPENAT =
      new Opening() {
        @Override
        public KernelCall<Integer> call(StepArgs a) {
          return new PathCall.OpenAt(a.integer(0), a.shown(1), a.integer(2));
        }

        @Override
        public String text(StepArgs a) {
          return PathCall.OpenAt.text(a.shown(0), a.shown(1), a.integer(2));
        }
      };

  static final StepAction.KernelStep<Void> MKDIRAT =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Void> call(StepArgs a) {
          return new PathCall.MkdirAt(a.integer(0), a.shown(1), a.integer(2));
        }

        @Override
        public String text(StepArgs a) {
          return PathCall.MkdirAt.text(a.shown(0), a.shown(1), a.integer(2));
        }

        @Override
        public void record(Void answer, StepArgs a, MountRun run, Map<String, Object> details) {
          String dir = a.shown(3);
          if (!dir.isEmpty()) { // one below the mount goes with the mount: nothing to remove
            run.createdDirectories.add(dir);
            details.put("created", dir);
          }
        }

        @Override
        public boolean changesMount() {
          return false;
        }
      };

  static final StepAction.KernelStep<FdIdentity> CHECK_TARGET =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<FdIdentity> call(StepArgs a) {
          return new MountQuery.StatxFd(a.integer(0));
        }

        @Override
        public String text(StepArgs a) {
          return MountQuery.StatxFd.text(a.shown(0));
        }

        @Override
        public String refusal(FdIdentity id, StepArgs a, MountRun run) {
          return TargetChecks.refusalOf(run.target(), id);
        }

        @Override
        public void record(FdIdentity id, StepArgs a, MountRun run, Map<String, Object> details) {
          details.put("target_mnt_id", id.mountId());
        }

        @Override
        public String describe(FdIdentity id) {
          return "= 0: " + id.kind() + " on mount " + id.mountId() + ", not a mount point";
        }

        @Override
        public boolean changesMount() {
          return false;
        }
      };

  static final StepAction.KernelStep<Integer> CHECK_EMPTY =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Integer> call(StepArgs a) {
          return new PathAtCall.DirEntries(a.integer(0));
        }

        @Override
        public String text(StepArgs a) {
          return PathAtCall.DirEntries.text(a.shown(0));
        }

        @Override
        public String refusal(Integer entries, StepArgs a, MountRun run) {
          return TargetChecks.refusalOfEntries(run.target(), entries);
        }

        @Override
        public String describe(Integer entries) {
          return "= 0 entries: empty";
        }

        @Override
        public boolean changesMount() {
          return false;
        }
      };

  static final StepAction.KernelStep<Integer> FSOPEN =
      new Opening() {
        @Override
        public KernelCall<Integer> call(StepArgs a) {
          return new MountApiCall.FsOpen(a.shown(0), a.integer(1));
        }
      };

  static final StepAction.KernelStep<Void> FSCONFIG =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Void> call(StepArgs a) {
          int cmd = a.integer(1);
          return new MountApiCall.FsConfig(
              a.integer(0),
              cmd,
              key(a),
              cmd == MountApiCall.FsConfig.FSCONFIG_SET_STRING ? a.shown(3) : null);
        }

        private String key(StepArgs a) {
          String key = a.shown(2);
          return key.isEmpty() ? null : key;
        }

        @Override
        public String text(StepArgs a) {
          int cmd = a.integer(1);
          return MountApiCall.FsConfig.text(
              a.shown(0),
              cmd,
              key(a),
              cmd == MountApiCall.FsConfig.FSCONFIG_SET_STRING ? a.shown(3) : null);
        }

        @Override
        public boolean changesMount() {
          return false;
        }
      };

  static final StepAction.KernelStep<Integer> FSMOUNT =
      new Opening() {
        @Override
        public KernelCall<Integer> call(StepArgs a) {
          return new MountApiCall.FsMount(a.integer(0), a.integer(1), a.integer(2));
        }

        @Override
        public String text(StepArgs a) {
          return MountApiCall.FsMount.text(a.shown(0), a.integer(1), a.integer(2));
        }
      };

  static final StepAction.KernelStep<Void> MOVE_MOUNT =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Void> call(StepArgs a) {
          return new MountApiCall.MoveMount(a.integer(0), a.integer(1));
        }

        @Override
        public String text(StepArgs a) {
          return MountApiCall.MoveMount.text(a.shown(0), a.shown(1));
        }

        @Override
        public void record(Void answer, StepArgs a, MountRun run, Map<String, Object> details) {
          run.mounted = true;
          run.state = Executor.State.IN_PROGRESS;
          details.put("target", run.plan.target().toString());
        }
      };

  /** statx of the mount fd: the device and mount id undo and resume prove the mount by. */
  static final StepAction.KernelStep<FdIdentity> STATX =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<FdIdentity> call(StepArgs a) {
          return new MountQuery.StatxFd(a.integer(0));
        }

        @Override
        public String text(StepArgs a) {
          return MountQuery.StatxFd.text(a.shown(0));
        }

        @Override
        public String refusal(FdIdentity id, StepArgs a, MountRun run) {
          Long recorded = run.values.devid();
          if (recorded != null && recorded != id.dev()) {
            return run.target()
                + " now holds device "
                + id.dev()
                + ", not the "
                + recorded
                + " this run recorded: it was mounted again since; refused, left alone. Action:"
                + " run undo on this journal, then restore again.";
          }
          return Boolean.FALSE.equals(id.mountRoot())
              ? run.target() + " is no mount's root: refused, left alone."
              : null;
        }

        @Override
        public void record(FdIdentity id, StepArgs a, MountRun run, Map<String, Object> details) {
          run.values = run.values.withDevid(id.dev()).withMountId(id.mountId());
          details.put("devid", id.dev());
          details.put("mnt_id", id.mountId());
        }

        @Override
        public String describe(FdIdentity id) {
          return "= 0: st_dev " + id.dev() + ", mount id " + id.mountId();
        }

        @Override
        public boolean changesMount() {
          return false;
        }
      };

  /** A step that opens a fd and holds it under the name its step produces. */
  private abstract static class Opening implements StepAction.KernelStep<Integer> {
    @Override
    public void record(Integer fd, StepArgs a, MountRun run, Map<String, Object> details) {
      String name = a.step().produces().get(0);
      Integer replaced = run.values.heldFd(name);
      run.values = run.values.withHeld(name, fd);
      if (replaced != null) {
        run.replacedFds.add(replaced); // closed by the executor right after
      }
      details.put("fd", fd);
    }

    @Override
    public String describe(Integer fd) {
      return "= " + fd;
    }

    @Override
    public boolean changesMount() {
      return false;
    }
  }
}
