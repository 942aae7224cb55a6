namespace WindowsNodeOperator.Cli.Report.Checks;

/// <summary>One check on one node; <see cref="Detail"/> says what was seen when it did not pass.</summary>
internal sealed record CheckResult(HardeningCheck Check, CheckOutcome Outcome, string? Detail = null)
{
    public string Mark => Outcome switch
    {
        CheckOutcome.Pass => "ok",
        CheckOutcome.Fail => "FAIL",
        _ => "?",
    };
}
