package io.runnerguard.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields a typed model did not recognise. fabric8 classes keep them in
 * getAdditionalProperties() instead of failing, so a typo such as {@code selectr} binds silently;
 * this walks the bound object graph and reports every non-empty one with its path.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static List<String> in(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found);
        return found;
    }

    private static void walk(Object o, String path, List<String> found) {
        if (o == null || !isModel(o.getClass())) {
            if (o instanceof Collection<?> c) {
                int i = 0;
                for (Object item : c) {
                    walk(item, path + "[" + i++ + "]", found);
                }
            } else if (o instanceof Map<?, ?> m) {
                m.forEach((k, v) -> walk(v, path + "[" + k + "]", found));
            }
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            // Interface default getters (HasMetadata.getPlural() and friends) compute, not read.
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass().isInterface() || m.getDeclaringClass() == Object.class
                    || !(m.getName().startsWith("get") || m.getName().startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String child = path + "." + property(m.getName());
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add((path.isEmpty() ? "." : path) + " " + extra.keySet());
                }
            } else {
                walk(value, child, found);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String pkg = type.getPackageName();
        return (pkg.startsWith("io.fabric8.kubernetes.api.model") || pkg.startsWith("io.fabric8.openshift.api.model")
                || pkg.startsWith("io.runnerguard.deploy")) && !type.isEnum();
    }

    private static String property(String getter) {
        String s = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
