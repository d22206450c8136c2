package dev.allot.web;

import java.util.regex.Pattern;

/**
 * Where the sign-in form sends the browser afterwards ({@code ?next=}): only a path on this server. Browsers read
 * {@code /\host} and {@code /<tab>/host} as {@code //host}, another site, so backslashes, whitespace and control
 * characters are refused along with {@code //host} and {@code https:...}.
 */
final class NextPage {
    static final String DEFAULT = "/board";

    /** A slash, then a first segment character that is not a slash; then path, query and fragment characters only. */
    private static final Pattern LOCAL = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*");

    private NextPage() {}

    static boolean isLocal(String next) {
        return next != null && next.length() < 200 && LOCAL.matcher(next).matches();
    }

    static String orDefault(String next) {
        return isLocal(next) ? next : DEFAULT;
    }
}
