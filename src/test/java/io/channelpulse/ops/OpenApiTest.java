package io.channelpulse.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * /q/openapi describes exactly the JSON API and the CSV downloads the app serves, found by reading the JAX-RS
 * resources in target/classes: a new endpoint that is not in the document, or a page that leaks into it, fails.
 */
@QuarkusTest
class OpenApiTest {

    /** "GET /api/channels/{handle}" → whether it needs the admin. */
    private static final Map<String, Boolean> SERVED = served();

    @Test
    void everyApiOperationIsDescribedAndNothingElse() {
        assertThat(SERVED).as("operations found by reflection").hasSizeGreaterThan(20)
                .containsKeys("GET /api/channels", "DELETE /api/channels/{handle}", "GET /export/posts.csv");
        assertThat(operations(document()).keySet()).isEqualTo(SERVED.keySet());
    }

    @Test
    void errorsHaveTheApiErrorShape() {
        JsonPath document = document();
        assertThat(document.getString("components.schemas.ApiError.type")).isEqualTo("object");
        assertThat(document.getString("components.schemas.ApiError.properties.error.type")).isEqualTo("string");
        for (String response : List.of("BadRequest", "Unauthorized", "NotFound", "DatabaseAway")) {
            assertThat(document.getString("components.responses." + response + ".content.'application/json'.schema.$ref"))
                    .as(response).isEqualTo("#/components/schemas/ApiError");
        }
        operations(document).forEach((operation, responses) -> {
            assertThat(responses).as(operation).containsEntry("503", Map.of("$ref", "#/components/responses/DatabaseAway"));
            if (operation.contains("{") && !operation.startsWith("PUT ")) {
                assertThat(responses).as(operation + " names something that may not exist")
                        .containsKey("404");
            }
        });
        assertThat(operations(document).get("GET /api/posts")).containsEntry("400",
                Map.of("$ref", "#/components/responses/BadRequest"));
    }

    @Test
    void adminOperationsNeedHttpBasic() {
        JsonPath document = document();
        assertThat(document.getString("components.securitySchemes.admin.type")).isEqualTo("http");
        assertThat(document.getString("components.securitySchemes.admin.scheme")).isEqualTo("basic");
        Map<String, Map<String, Object>> operations = operations(document);
        SERVED.forEach((operation, admin) -> {
            String[] parts = operation.split(" ", 2);
            Object security = document.get("paths.'" + parts[1] + "'." + parts[0].toLowerCase(Locale.ROOT) + ".security");
            if (admin) {
                assertThat(security).as(operation).isEqualTo(List.of(Map.of("admin", List.of("admin"))));
                assertThat(operations.get(operation)).as(operation).containsEntry("401",
                        Map.of("$ref", "#/components/responses/Unauthorized"));
            } else {
                assertThat(security).as(operation + " is open").isNull();
            }
        });
    }

    @Test
    void theSwaggerUiAnswersWithAPolicyThatLetsItStart() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("SwaggerUIBundle"))
                .body(containsString("url: '/q/openapi'"))
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-inline'"));
        given().get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200);
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline'; style")));
        given().get("/api/channels").then().header("Content-Security-Policy", not(containsString("script-src 'self' 'unsafe-inline'")));
    }

    private static JsonPath document() {
        return given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    /** "METHOD path" → its responses by status code. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> operations(JsonPath document) {
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> described && described.containsKey("responses")) {
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path, (Map<String, Object>) described.get("responses"));
            }
        }));
        return operations;
    }

    /** Every JAX-RS operation under /api and /export, read from the compiled resources. */
    private static Map<String, Boolean> served() {
        Map<String, Boolean> served = new TreeMap<>();
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiTest.class.getClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value()))
                            .replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                    if (path.startsWith("/api/") || path.startsWith("/export/")) {
                        served.put(verb + " " + path, method.isAnnotationPresent(RolesAllowed.class)
                                || type.isAnnotationPresent(RolesAllowed.class));
                    }
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return served;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }
}
