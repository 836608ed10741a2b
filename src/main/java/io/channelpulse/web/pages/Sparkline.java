package io.channelpulse.web.pages;

import io.channelpulse.analytics.Point;

import java.util.List;
import java.util.Locale;

/** A series as the points of a small SVG polyline, drawn on the server so top lists need no script. */
final class Sparkline {

    static final int WIDTH = 100;
    static final int HEIGHT = 20;

    private Sparkline() {
    }

    static String points(List<Point> series) {
        if (series.isEmpty()) {
            return "";
        }
        long max = Math.max(1, series.stream().mapToLong(Point::count).max().orElse(1));
        double step = series.size() == 1 ? 0 : (double) WIDTH / (series.size() - 1);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < series.size(); i++) {
            double y = HEIGHT - 1 - (HEIGHT - 2) * (double) series.get(i).count() / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", i * step, y));
        }
        return points.toString().trim();
    }
}
