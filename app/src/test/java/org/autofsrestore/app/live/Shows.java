package org.autofsrestore.app.live;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.autofsrestore.app.autofs.FindingCode;

/** Marks the test that shows a live finding code (DumpVsLiveTest checks that each has one). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Shows {
  FindingCode[] value();
}
