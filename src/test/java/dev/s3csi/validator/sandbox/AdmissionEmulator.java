package dev.s3csi.validator.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;

/**
 * What a real API server checks before it stores a custom resource, and the mock server does not:
 * the CRD's structural schema (types, required fields, enums, patterns, bounds, unknown fields as
 * kubectl's strict field validation refuses them) and its {@code x-kubernetes-validations} CEL
 * rules, transition rules included. Messages follow the API server's wording: field path, then what
 * rule the value broke.
 */
public final class AdmissionEmulator {
  private static final List<String> ROOT_FIELDS = List.of("apiVersion", "kind", "metadata");
  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final JSONSchemaProps root;
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  /** One refused value: the field path and what rule it broke. */
  public record Violation(String field, String detail) {
    @Override
    public String toString() {
      return field + ": " + detail;
    }
  }

  public AdmissionEmulator(CustomResourceDefinition crd) {
    this.root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }

  /**
   * @param object the object as the client sent it
   * @param old the stored object on an update (its status stands in for the new one's, as the
   *     status subresource keeps it), or null on a create
   */
  public List<Violation> validate(JsonNode object, JsonNode old) {
    List<Violation> violations = new ArrayList<>();
    Map<String, Object> self = CelValues.objectOf(object);
    if (old != null) {
      if (old.hasNonNull("status")) {
        self.put("status", CelValues.of(old.get("status")));
      } else {
        self.remove("status");
      }
    }
    walk("", object, root, violations, true);
    if (violations.isEmpty()) {
      rules("", self, old == null ? null : CelValues.of(old), root, violations);
    }
    return violations;
  }

  private void walk(
      String path, JsonNode value, JSONSchemaProps schema, List<Violation> out, boolean isRoot) {
    if (!typeMatches(value, schema.getType())) {
      out.add(
          new Violation(
              path,
              "Invalid value: \""
                  + typeOf(value)
                  + "\": "
                  + path
                  + " in body must be of type "
                  + schema.getType()
                  + ": \""
                  + typeOf(value)
                  + "\""));
      return;
    }
    if (schema.getEnum() != null
        && !schema.getEnum().isEmpty()
        && !schema.getEnum().contains(value)) {
      out.add(
          new Violation(
              path,
              "Unsupported value: "
                  + value
                  + ": supported values: "
                  + schema.getEnum().stream()
                      .map(JsonNode::toString)
                      .sorted()
                      .collect(Collectors.joining(", "))));
    }
    if (value.isTextual()) {
      string(path, value.asText(), schema, out);
    } else if (value.isNumber()) {
      number(path, value, schema, out);
    } else if (value.isArray()) {
      array(path, value, schema, out);
    } else if (value.isObject()) {
      object(path, value, schema, out, isRoot);
    }
  }

  private static void string(
      String path, String text, JSONSchemaProps schema, List<Violation> out) {
    int length = text.codePointCount(0, text.length());
    if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
      out.add(
          new Violation(
              path, "Too long: may not be more than " + schema.getMaxLength() + " bytes"));
    }
    if (schema.getMinLength() != null && length < schema.getMinLength()) {
      out.add(
          new Violation(
              path,
              "Invalid value: \""
                  + text
                  + "\": "
                  + path
                  + " in body should be at least "
                  + schema.getMinLength()
                  + " chars long"));
    }
    if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
      out.add(
          new Violation(
              path,
              "Invalid value: \""
                  + text
                  + "\": "
                  + path
                  + " in body should match '"
                  + schema.getPattern()
                  + "'"));
    }
  }

  private static void number(
      String path, JsonNode value, JSONSchemaProps schema, List<Violation> out) {
    double number = value.asDouble();
    if (schema.getMinimum() != null && number < schema.getMinimum()) {
      out.add(
          new Violation(
              path,
              "Invalid value: "
                  + value
                  + ": "
                  + path
                  + " in body should be greater than or equal to "
                  + whole(schema.getMinimum())));
    }
    if (schema.getMaximum() != null && number > schema.getMaximum()) {
      out.add(
          new Violation(
              path,
              "Invalid value: "
                  + value
                  + ": "
                  + path
                  + " in body should be less than or equal to "
                  + whole(schema.getMaximum())));
    }
  }

  private void array(String path, JsonNode value, JSONSchemaProps schema, List<Violation> out) {
    if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
      out.add(
          new Violation(
              path,
              "Too many: "
                  + value.size()
                  + ": must have at most "
                  + schema.getMaxItems()
                  + " items"));
    }
    if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
      out.add(
          new Violation(
              path,
              "Invalid value: "
                  + value.size()
                  + ": "
                  + path
                  + " in body should have at least "
                  + schema.getMinItems()
                  + " items"));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      for (int i = 0; i < value.size(); i++) {
        walk(path + "[" + i + "]", value.get(i), schema.getItems().getSchema(), out, false);
      }
    }
  }

  private void object(
      String path, JsonNode value, JSONSchemaProps schema, List<Violation> out, boolean isRoot) {
    Map<String, JSONSchemaProps> properties =
        schema.getProperties() == null ? Map.of() : schema.getProperties();
    JSONSchemaProps additional =
        schema.getAdditionalProperties() == null
            ? null
            : schema.getAdditionalProperties().getSchema();
    if (schema.getMaxProperties() != null && value.size() > schema.getMaxProperties()) {
      out.add(
          new Violation(
              path,
              "Too many: "
                  + value.size()
                  + ": must have at most "
                  + schema.getMaxProperties()
                  + " items"));
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      if (field.getValue().isNull()) {
        // The API server drops null fields of non-nullable schemas: null is absent, not wrong.
        continue;
      }
      if (properties.containsKey(field.getKey())) {
        walk(child, field.getValue(), properties.get(field.getKey()), out, false);
      } else if (additional != null) {
        walk(path + "[" + field.getKey() + "]", field.getValue(), additional, out, false);
      } else if (!(isRoot && ROOT_FIELDS.contains(field.getKey()))
          && !Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
        out.add(
            new Violation(child, "unknown field \"" + child + "\" (field not declared in schema)"));
      }
    }
    for (String required :
        schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
      if (!value.has(required) || value.get(required).isNull()) {
        out.add(new Violation(path.isEmpty() ? required : path + "." + required, "Required value"));
      }
    }
  }

  /** Evaluates every x-kubernetes-validations rule on the values present, depth first. */
  @SuppressWarnings("unchecked")
  private void rules(
      String path, Object self, Object oldSelf, JSONSchemaProps schema, List<Violation> out) {
    if (self instanceof Map<?, ?> map && schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
        Object child = map.get(property.getKey());
        if (child != null) {
          Object oldChild =
              oldSelf instanceof Map<?, ?> oldMap ? oldMap.get(property.getKey()) : null;
          rules(
              path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
              child,
              oldChild,
              property.getValue(),
              out);
        }
      }
    }
    if (self instanceof List<?> list
        && schema.getItems() != null
        && schema.getItems().getSchema() != null) {
      for (int i = 0; i < list.size(); i++) {
        rules(path + "[" + i + "]", list.get(i), null, schema.getItems().getSchema(), out);
      }
    }
    for (ValidationRule rule :
        schema.getXKubernetesValidations() == null
            ? List.<ValidationRule>of()
            : schema.getXKubernetesValidations()) {
      boolean transition = rule.getRule().contains("oldSelf");
      if (transition && oldSelf == null) {
        continue;
      }
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("self", self);
      if (transition) {
        variables.put("oldSelf", oldSelf);
      }
      String field = path + (rule.getFieldPath() == null ? "" : rule.getFieldPath());
      field = field.startsWith(".") ? field.substring(1) : field;
      try {
        if (!Boolean.TRUE.equals(program(rule.getRule()).eval(variables))) {
          out.add(
              new Violation(
                  field,
                  refusal(rule)
                      + ": "
                      + rule.getMessage()
                      + " (x-kubernetes-validations rule: "
                      + rule.getRule()
                      + ")"));
        }
      } catch (CelEvaluationException e) {
        out.add(
            new Violation(
                field,
                "Invalid value: \"object\": rule "
                    + rule.getRule()
                    + " could not be evaluated: "
                    + e.getMessage()));
      }
    }
  }

  private static String refusal(ValidationRule rule) {
    return switch (Objects.toString(rule.getReason(), "FieldValueInvalid")) {
      case "FieldValueRequired" -> "Required value";
      case "FieldValueForbidden" -> "Forbidden";
      case "FieldValueDuplicate" -> "Duplicate value";
      default -> "Invalid value: \"object\"";
    };
  }

  private CelRuntime.Program program(String rule) {
    return programs.computeIfAbsent(
        rule,
        text -> {
          try {
            CelAbstractSyntaxTree ast = CEL.compile(text).getAst();
            return RUNTIME.createProgram(ast);
          } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException(
                "the CRD carries a rule that does not compile: " + text, e);
          }
        });
  }

  private static boolean typeMatches(JsonNode value, String type) {
    if (type == null) {
      return true;
    }
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String typeOf(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    return value.isBoolean() ? "boolean" : "null";
  }

  private static String whole(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }
}
