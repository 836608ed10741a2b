package io.channelpulse.store;

import java.time.LocalDate;
import java.util.List;

/**
 * A period split for the monthly rollups: the whole months inside it, read from monthly rows, and the days before
 * and after them, read from daily rows. A part that is empty has its first date after its last, so the same
 * {@code BETWEEN} query finds nothing in it.
 */
record WholeMonths(LocalDate firstMonth, LocalDate lastMonth, LocalDate headFirst, LocalDate headLast,
                   LocalDate tailFirst, LocalDate tailLast) {

    static WholeMonths of(LocalDate first, LocalDate last) {
        LocalDate monthsFrom = first.getDayOfMonth() == 1 ? first : first.withDayOfMonth(1).plusMonths(1);
        LocalDate monthsTo = last.getDayOfMonth() == last.lengthOfMonth() ? last : last.withDayOfMonth(1).minusDays(1);
        if (monthsFrom.isAfter(monthsTo)) {
            return new WholeMonths(monthsFrom, monthsFrom.minusMonths(1), first, last, last.plusDays(1), last);
        }
        return new WholeMonths(monthsFrom, monthsTo.withDayOfMonth(1), first, monthsFrom.minusDays(1),
                monthsTo.plusDays(1), last);
    }

    /** The parameters of {@link #months()}, in order. */
    List<Object> monthParameters() {
        return List.of(firstMonth, lastMonth);
    }

    /** The parameters of {@link #days()}, in order. */
    List<Object> dayParameters() {
        return List.of(headFirst, headLast, tailFirst, tailLast);
    }

    /** The condition on a monthly table's {@code month}. */
    static String months() {
        return "month BETWEEN ? AND ?";
    }

    /** The condition on a daily table's {@code day}. */
    static String days() {
        return "(day BETWEEN ? AND ? OR day BETWEEN ? AND ?)";
    }
}
