package dev.s3csi.validator.engine;

import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.ScenarioResources;

import io.fabric8.kubernetes.api.model.Event;

/** Warning events about a scenario's PVCs and pods: the first evidence to read on a failure. */
public final class WarningEvents {
  private WarningEvents() {}

  public static List<String> collect(ScenarioContext ctx) {
    ScenarioResources resources = ctx.resources();
    List<String> lines = new ArrayList<>();
    resources.getPvcs().forEach(name -> lines.addAll(about(ctx, "PersistentVolumeClaim", name)));
    resources.getPods().forEach(name -> lines.addAll(about(ctx, "Pod", name)));
    return lines;
  }

  public static List<String> about(ScenarioContext ctx, String kind, String name) {
    return warningsAbout(ctx, kind, name).stream().map(e -> format(kind, name, e)).toList();
  }

  /** The Warning events about one object, as they are, for steps that read more than their text. */
  public static List<Event> warningsAbout(ScenarioContext ctx, String kind, String name) {
    return ctx.cluster().eventsAbout(ctx.namespace(), kind, name).stream()
        .filter(e -> "Warning".equals(e.getType()))
        .toList();
  }

  /** Every event about one object, Normal ones included: what shows that nothing happened. */
  public static List<String> all(ScenarioContext ctx, String kind, String name) {
    return ctx.cluster().eventsAbout(ctx.namespace(), kind, name).stream()
        .map(e -> format(kind, name, e))
        .toList();
  }

  /** One event as messages and evidence quote it: type, reason, object, message, repeat count. */
  public static String format(String kind, String name, Event event) {
    String count =
        event.getCount() != null && event.getCount() > 1 ? " (x" + event.getCount() + ")" : "";
    return event.getType()
        + " "
        + event.getReason()
        + " "
        + kind
        + "/"
        + name
        + ": "
        + event.getMessage()
        + count;
  }
}
