package dev.podsift.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client for tests: keeps cookies, does not follow redirects, reads form tokens from pages. */
final class WebClient {
    final HttpClient http;
    final CookieManager cookies = new CookieManager();
    final String base;
    String csrf;

    WebClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    /** Posts a form with this page's form token (unless the caller passes its own "csrf"). */
    HttpResponse<String> post(String path, String... keyValues) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        if (csrf != null) {
            form.put("csrf", csrf);
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            form.put(keyValues[i], keyValues[i + 1]);
        }
        return postRaw(path, encode(form), "application/x-www-form-urlencoded");
    }

    HttpResponse<String> postRaw(String path, String body, String type) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Uses an emailed link as a person does: opens it (a page that asks) and presses its button, which posts the
     * link's token to {@code action} with this page's form token.
     */
    HttpResponse<String> press(String link, String action) throws IOException, InterruptedException {
        HttpResponse<String> ask = get(link);
        if (ask.statusCode() != 200) {
            return ask;
        }
        Matcher t = Pattern.compile("name=\"t\" value=\"([^\"]+)\"").matcher(ask.body());
        if (!t.find()) {
            throw new IllegalStateException("no button on " + link + ": " + ask.body());
        }
        return post(action, "t", t.group(1));
    }

    /** The value of a cookie this client holds, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Uploads one file as multipart/form-data, with this page's form token. */
    HttpResponse<String> upload(String path, String field, String filename, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----podsift" + System.nanoTime();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/xml\r\n\r\n";
        b.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request with a bearer token. */
    HttpResponse<String> api(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
        r = json == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                : r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(Map<String, String> form) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }
}
