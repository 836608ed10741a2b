package io.channelpulse.ops;

import java.util.Map;
import java.util.OptionalDouble;

import static io.restassured.RestAssured.given;

/** One GET /q/metrics, without credentials as Prometheus sends it, read line by line. */
record Scrape(String text) {

    static Scrape now() {
        return new Scrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the series with exactly these labels (a histogram bucket's le among them), if it is there. */
    OptionalDouble value(String name, Map<String, String> labels) {
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            String labelText = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
            long given = labelText.isEmpty() ? 0 : labelText.split(",(?=\\w+=\")").length;
            boolean all = labels.entrySet().stream()
                    .allMatch(label -> labelText.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (all && given == labels.size()) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    double of(String name, Map<String, String> labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError("no " + name + labels + " in\n" + text));
    }

    double of(String name) {
        return of(name, Map.of());
    }
}
