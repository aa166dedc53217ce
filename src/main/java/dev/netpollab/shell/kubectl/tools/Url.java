package dev.netpollab.shell.kubectl.tools;

/** A URL as curl and wget read it: scheme optional (http), port from the scheme unless given, path "/" by default. */
record Url(String scheme, String host, int port, String path, boolean explicitPort) {
    static Url parse(String text) {
        String t = text;
        String scheme = "http";
        int sep = t.indexOf("://");
        if (sep >= 0) {
            scheme = t.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
            t = t.substring(sep + 3);
        }
        int slash = t.indexOf('/');
        String path = slash < 0 ? "/" : t.substring(slash);
        String hostPort = slash < 0 ? t : t.substring(0, slash);
        if (hostPort.contains("@")) {
            hostPort = hostPort.substring(hostPort.lastIndexOf('@') + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        int port = scheme.equals("https") ? 443 : 80;
        boolean explicit = false;
        String host = hostPort;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
                explicit = true;
                host = hostPort.substring(0, colon);
            } catch (NumberFormatException e) {
                host = hostPort;
            }
        }
        return new Url(scheme, host, port, path, explicit);
    }

    boolean https() {
        return scheme.equals("https");
    }

    String hostPort() {
        return explicitPort ? host + ":" + port : host;
    }
}
