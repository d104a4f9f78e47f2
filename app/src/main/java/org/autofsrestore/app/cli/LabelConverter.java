package org.autofsrestore.app.cli;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * picocli's converter of an option whose values are an enum's labels (--owner hold, --stage mount):
 * the constant with that label; anything else is refused naming every label.
 */
abstract class LabelConverter<E> implements CommandLine.ITypeConverter<E> {
  private final E[] values;
  private final Function<E, String> label;
  private final String what;

  /** {@code what}: the value's noun with its article, "an owner". */
  LabelConverter(E[] values, Function<E, String> label, String what) {
    this.values = values.clone();
    this.label = label;
    this.what = what;
  }

  @Override
  public E convert(String value) {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (label.apply(values[i]).equals(value)) {
        return values[i];
      }
      labels
          .append(i == 0 ? "" : i == values.length - 1 ? " or " : ", ")
          .append(label.apply(values[i]));
    }
    throw new CommandLine.TypeConversionException(
        "'" + value + "' is not " + what + ": use " + labels);
  }
}
