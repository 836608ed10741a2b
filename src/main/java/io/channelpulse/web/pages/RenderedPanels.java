package io.channelpulse.web.pages;

import io.channelpulse.analytics.Period;

/**
 * What a page's rendered panels depend on besides the data and the watchlist: the page, its key, the filters as
 * given (links repeat them) and the period they resolve to (a range ends today). Post lists are not kept: an
 * edit of a post's text or its views change no counts.
 */
record RenderedPanels(String page, String key, PageFilters filters, Period period) {
}
