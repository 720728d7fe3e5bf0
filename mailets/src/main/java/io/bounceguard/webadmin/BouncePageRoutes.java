package io.bounceguard.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

import spark.Service;

/**
 * Serves the ops page (plain HTML, CSS and JavaScript from the jar) under {@value #BASE}/. It is a public route so
 * the browser can load it when WebAdmin has JWT on; the page then asks for a token and sends it with every call
 * to {@link BounceRoutes}. Enable with {@code io.bounceguard.webadmin.BouncePageRoutes} in {@code extensions.routes}.
 */
public class BouncePageRoutes implements PublicRoutes {
    public static final String BASE = "/bounces-ui";
    private static final String RESOURCES = "/io/bounceguard/webadmin/ui/";
    private static final Map<String, String> FILES = Map.of(
        "index.html", "text/html; charset=utf-8",
        "app.js", "text/javascript; charset=utf-8",
        "app.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> contents = load();

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, (request, response) -> {
            response.redirect(BASE + "/");
            return "";
        });
        service.get(BASE + "/", (request, response) -> serve("index.html", response));
        service.get(BASE + "/:file", (request, response) -> serve(request.params(":file"), response));
    }

    private Object serve(String file, spark.Response response) throws IOException {
        byte[] content = contents.get(file);
        if (content == null) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("%s/%s can not be found", BASE, file)
                .haltError();
        }
        response.type(FILES.get(file));
        response.header("Cache-Control", "no-cache");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
        response.raw().getOutputStream().write(content);
        response.raw().getOutputStream().flush();
        return "";
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> contents = new java.util.HashMap<>();
        for (String file : FILES.keySet()) {
            try (InputStream in = BouncePageRoutes.class.getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCES + file + " is missing from the jar");
                }
                contents.put(file, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(contents);
    }
}
