package fr.regie.r2rml.conformance;

/** The outcome of one test case: passed, failed or not applicable, and in one line why. */
public record CaseResult(TestCase testCase, Status status, String detail) {

    /** What became of a case. */
    public enum Status { PASSED, FAILED, NOT_APPLICABLE }

    public CaseResult(TestCase testCase, boolean passed, String detail) {
        this(testCase, passed ? Status.PASSED : Status.FAILED, detail);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** {@code R2RMLTC0002a  pass  …} as the conformance command prints it. */
    public String line() {
        String word = switch (status) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case NOT_APPLICABLE -> "n/a ";
        };
        return String.format("%-22s %s  %s", testCase.id(), word, detail);
    }
}
