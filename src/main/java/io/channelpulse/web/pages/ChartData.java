package io.channelpulse.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.analytics.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a chart draws, as JSON for a {@code <script type="application/json">} block that static/js/charts.js
 * reads. Characters that could end the script element are escaped, so the JSON is safe to print unescaped.
 */
public record ChartData(String type, boolean stacked, List<String> labels, List<Dataset> datasets) {

    public record Dataset(String label, List<Number> data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static ChartData line(List<Point> points, String label) {
        return new ChartData("line", false, points.stream().map(Point::t).toList(),
                List.of(new Dataset(label, points.stream().<Number>map(Point::count).toList())));
    }

    /** One dataset per series, all on the same buckets (the series must share them). */
    static ChartData of(String type, boolean stacked, Map<String, List<Point>> series) {
        List<String> labels = series.values().stream().findFirst().map(p -> p.stream().map(Point::t).toList())
                .orElse(List.of());
        List<Dataset> datasets = new ArrayList<>();
        series.forEach((label, points) -> datasets.add(new Dataset(label, points.stream().<Number>map(Point::count).toList())));
        return new ChartData(type, stacked, labels, datasets);
    }

    /** Whether there is nothing to draw, or only zeros: the page then says why the chart is blank. */
    public boolean empty() {
        return labels.isEmpty() || datasets.stream().flatMap(d -> d.data().stream())
                .allMatch(n -> n == null || n.doubleValue() == 0);
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
