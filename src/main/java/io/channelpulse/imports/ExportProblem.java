package io.channelpulse.imports;

/**
 * What is wrong with an export file, and where.
 *
 * @param line      1-based line of the file, 0 when unknown
 * @param column    1-based column, 0 when unknown
 * @param messageId the message it is about, or null for the file as a whole
 */
public record ExportProblem(long line, long column, Long messageId, String reason) {

    /** "line 12, column 5: reason" as the CLI and the admin page print it. */
    public String describe() {
        String where = line > 0 ? "line " + line + ", column " + column : "";
        String what = messageId == null ? "" : "message " + messageId;
        String prefix = where.isEmpty() ? what : what.isEmpty() ? where : where + " (" + what + ")";
        return prefix.isEmpty() ? reason : prefix + ": " + reason;
    }
}
