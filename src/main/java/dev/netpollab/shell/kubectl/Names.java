package dev.netpollab.shell.kubectl;

import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.shell.ShellError;

import java.util.ArrayList;
import java.util.List;

/**
 * Namespace and object names as kubectl and the API server treat them. kubectl's REST client refuses a name that
 * cannot be a URL path segment ({@code .}, {@code ..}, anything with {@code /} or {@code %}) before sending it:
 * {@code error: invalid namespace "../../etc": [may not contain '/']}. Any other name is sent; one that is not a valid
 * DNS name cannot exist, so the server answers as for a missing object: an empty list, or NotFound.
 */
final class Names {
    private Names() {
    }

    /** client-go's IsValidPathSegmentName: the reasons a name cannot be a path segment, or none. */
    static List<String> pathSegmentProblems(String name) {
        if (name.equals(".") || name.equals("..")) {
            return List.of("may not be '" + name + "'");
        }
        List<String> out = new ArrayList<>();
        for (String bad : List.of("/", "%")) {
            if (name.contains(bad)) {
                out.add("may not contain '" + bad + "'");
            }
        }
        return out;
    }

    static String checkNamespace(String namespace) {
        List<String> problems = pathSegmentProblems(namespace);
        if (!problems.isEmpty()) {
            throw new ShellError("error: invalid namespace \"" + namespace + "\": [" + String.join(" ", problems) + "]");
        }
        return namespace;
    }

    static String checkName(String name) {
        List<String> problems = pathSegmentProblems(name);
        if (!problems.isEmpty()) {
            throw new ShellError("error: invalid resource name \"" + name + "\": [" + String.join(" ", problems) + "]");
        }
        return name;
    }

    /** Whether a namespace of this name can exist at all (namespace names are RFC 1123 labels). */
    static boolean canExist(String namespace) {
        return PolicyValidator.dns1123Label("", namespace).isEmpty();
    }

    /** Whether an object of this name can exist (object names are RFC 1123 subdomains). */
    static boolean canBeObjectName(String name) {
        return PolicyValidator.dns1123Subdomain("", name).isEmpty();
    }

    /** kubectl's answer to {@code get netpol netpol/NAME}: a type given twice. */
    static ShellError typeGivenTwice() {
        return new ShellError("error: there is no need to specify a resource type as a separate argument when passing arguments in "
                + "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
}
