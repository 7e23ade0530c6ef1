package io.evalbatch.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks every client of {@code serve} for its token, when it has one (always when it listens beyond
 * loopback): given once as {@code ?token=} in the URL, which answers with an HttpOnly,
 * SameSite=Strict cookie and a redirect to the same page without it (so that the token stays out
 * of the address bar, history and links); or as {@code Authorization: Bearer} for the JSON API.
 * Anything else gets 401 and nothing of the database.
 *
 * <p>One shared secret and no users or sessions: a filter of its own says exactly that, where
 * Spring Security would bring login forms, sessions and CSRF tokens to switch off, and its own
 * defaults to keep from the loopback case, which stays open.
 */
final class ServeToken extends OncePerRequestFilter {

    static final String PARAMETER = "token";
    private static final String COOKIE = "evalbatch_token_";

    private final byte[] token;

    ServeToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getParameter(PARAMETER);
        if (given != null) {
            if (!matches(given)) {
                refuse(response);
                return;
            }
            // Cookies are shared by every port of a host: the name keeps two servers apart.
            response.addHeader("Set-Cookie", COOKIE + request.getLocalPort() + "=" + given
                    + "; Path=/; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : ""));
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", withoutToken(request));
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).strip())) {
            chain.doFilter(request, response);
            return;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(COOKIE + request.getLocalPort()) && matches(cookie.getValue())) {
                    chain.doFilter(request, response);
                    return;
                }
            }
        }
        refuse(response);
    }

    /** An empty token (the filter of a server without one, which is never enabled) matches nothing. */
    private boolean matches(String candidate) {
        return token.length > 0 && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"evalbatch\"");
        response.setContentType("text/plain; charset=UTF-8");
        response.getWriter().println("evalbatch serve asks for its token: open the address it printed when it started, "
                + "or send Authorization: Bearer TOKEN");
    }

    /** The path and query the client asked for, less the token. */
    private static String withoutToken(HttpServletRequest request) {
        List<String> kept = new ArrayList<>();
        // Only GET and HEAD get this far with a token (ReadOnlyRequests refuses the rest): their
        // parameters are the query's.
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals(PARAMETER)) {
                for (String value : values) {
                    kept.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
        });
        return request.getRequestURI() + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }
}
