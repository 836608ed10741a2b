package io.channelpulse.imports;

/** The file cannot be imported at all: not JSON, not an export, not a channel, cut short. */
public class ExportException extends Exception {

    private final ExportProblem problem;

    ExportException(ExportProblem problem) {
        super(problem.describe());
        this.problem = problem;
    }

    public ExportProblem problem() {
        return problem;
    }
}
