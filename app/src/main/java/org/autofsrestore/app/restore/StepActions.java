package org.autofsrestore.app.restore;

import java.util.Map;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall;

/**
 * Each kind of step's {@link StepAction}: a new kind of step is its constant in {@link Step.Call}
 * and its action here. Steps whose arguments may be runtime values not known yet spell their text
 * with the kernel call's own spelling of those arguments.
 */
final class StepActions {
  private StepActions() {}

  static final StepAction.KernelStep<PipeEnds> PIPE =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<PipeEnds> call(StepArgs a) {
          return new PosixCall.Pipe2(a.integer(0));
        }

        @Override
        public void record(PipeEnds ends, StepArgs a, MountRun run, Map<String, Object> details) {
          run.values = run.values.withPipe(ends);
          details.put("read_fd", ends.readFd());
          details.put("write_fd", ends.writeFd());
        }

        @Override
        public String describe(PipeEnds ends) {
          return "= 0: read end fd " + ends.readFd() + ", write end fd " + ends.writeFd();
        }
      };

  static final StepAction.KernelStep<Long> SETTIMEOUT =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Long> call(StepArgs a) {
          return new AutofsIoctl.SetTimeout(a.integer(0), a.number(1));
        }

        @Override
        public String text(StepArgs a) {
          return AutofsIoctl.SetTimeout.text(a.shown(0), a.number(1));
        }

        @Override
        public void record(Long old, StepArgs a, MountRun run, Map<String, Object> details) {
          details.put("old_timeout", old);
        }

        @Override
        public String describe(Long old) {
          return "= 0: the old timeout was " + Long.toUnsignedString(old) + " s";
        }
      };

  static final StepAction.KernelStep<Void> CATATONIC =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Void> call(StepArgs a) {
          return new AutofsIoctl.Catatonic(a.integer(0));
        }

        @Override
        public String text(StepArgs a) {
          return AutofsIoctl.Catatonic.text(a.shown(0));
        }

        @Override
        public void record(Void answer, StepArgs a, MountRun run, Map<String, Object> details) {
          run.parked = true;
        }
      };

  static final StepAction.KernelStep<Void> SETPIPEFD =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Void> call(StepArgs a) {
          return new AutofsIoctl.SetPipeFd(a.integer(0), a.integer(1));
        }

        @Override
        public String text(StepArgs a) {
          return AutofsIoctl.SetPipeFd.text(a.shown(0), a.shown(1));
        }

        @Override
        public void record(Void answer, StepArgs a, MountRun run, Map<String, Object> details) {
          run.parked = false;
        }
      };

  static final StepAction.KernelStep<Void> CLOSE =
      new StepAction.KernelStep<>() {
        @Override
        public KernelCall<Void> call(StepArgs a) {
          return new PosixCall.Close(a.integer(0));
        }

        @Override
        public String text(StepArgs a) {
          return PosixCall.Close.text(a.shown(0));
        }

        @Override
        public void record(Void answer, StepArgs a, MountRun run, Map<String, Object> details) {
          run.values = run.values.closed(a.integer(0));
        }

        @Override
        public boolean changesMount() {
          return false;
        }
      };

  static final StepAction WAIT_OWNER =
      new StepAction.OwnerStep(
          a -> {
            long seconds = a.number(1);
            return "wait_owner(\""
                + a.shown(0)
                + "\", "
                + (seconds == 0 ? "no wait" : "up to " + seconds + " s")
                + ")";
          });

  static final StepAction SERVE =
      new StepAction.OwnerStep(a -> "serve(\"" + a.shown(0) + "\", read fd " + a.shown(1) + ")");
}
