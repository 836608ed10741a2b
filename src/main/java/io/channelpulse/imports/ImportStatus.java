package io.channelpulse.imports;

import java.util.List;

/**
 * How far an import got. {@code read} counts the chat's messages read so far, {@code stored} those written
 * (new, or a later version of a stored post), {@code skipped} those left out: already stored as they are or in
 * a later-seen version, unsupported by the export, or unreadable (then named in {@code errors}). A failed import
 * names the reason and where in the file in {@code errors}.
 *
 * @param state queued, running, done or failed
 */
public record ImportStatus(long id, String channel, String state, long read, long stored, long skipped,
                           List<ExportProblem> errors) {

    public boolean finished() {
        return state.equals("done") || state.equals("failed");
    }
}
