package io.runnerguard.deploy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A webhook matchCondition compiled and run with cel-java, declared the way the API server declares
 * it: `object`, `oldObject` and `request` untyped (dyn), standard macros, no extension libraries
 * (so an expression that passes here uses nothing a cluster might lack). An evaluation error is a
 * distinct outcome because the API server then applies the webhook's failurePolicy.
 */
final class MatchConditionCel {

    enum Outcome { SEND, SKIP, ERROR }

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .build();

    private final CelRuntime.Program program;

    MatchConditionCel(String expression) {
        try {
            CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
            this.program = CEL.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new AssertionError("matchCondition does not compile: " + e.getMessage(), e);
        }
    }

    /** CREATE of the object (given as YAML). */
    Outcome onCreate(String objectYaml) {
        return run(parse(objectYaml), NullValue.NULL_VALUE, "CREATE");
    }

    Outcome onUpdate(String objectYaml, String oldObjectYaml) {
        return run(parse(objectYaml), parse(oldObjectYaml), "UPDATE");
    }

    Outcome onDelete(String oldObjectYaml) {
        return run(NullValue.NULL_VALUE, parse(oldObjectYaml), "DELETE");
    }

    private Outcome run(Object object, Object oldObject, String operation) {
        Map<String, Object> vars = Map.of(
                "object", object,
                "oldObject", oldObject,
                "request", Map.of("operation", operation));
        try {
            Object result = program.eval(vars);
            if (!(result instanceof Boolean b)) {
                throw new AssertionError("matchCondition must yield a bool, got " + result);
            }
            return b ? Outcome.SEND : Outcome.SKIP;
        } catch (CelEvaluationException e) {
            return Outcome.ERROR;
        }
    }

    /** YAML to the plain maps/lists/strings/longs CEL sees for JSON (CEL integers are 64-bit). */
    private static Object parse(String yaml) {
        return toCel(YAML.readValue(yaml, Object.class));
    }

    private static Object toCel(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put((String) k, toCel(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(item -> out.add(toCel(item)));
            return out;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }
}
