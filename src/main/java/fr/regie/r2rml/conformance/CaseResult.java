package fr.regie.r2rml.conformance;

/** The outcome of one test case: passed or not, and in one line why. */
public record CaseResult(TestCase testCase, boolean passed, String detail) {

    /** {@code R2RMLTC0002a  pass  …} as the conformance command prints it. */
    public String line() {
        return String.format("%-22s %s  %s", testCase.id(), passed ? "pass" : "FAIL", detail);
    }
}
