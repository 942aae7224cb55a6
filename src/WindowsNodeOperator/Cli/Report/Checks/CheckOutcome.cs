namespace WindowsNodeOperator.Cli.Report.Checks;

internal enum CheckOutcome
{
    Pass,
    Fail,

    /// <summary>The facts were not there to judge (an instance EC2 does not know, an image no longer visible).</summary>
    Unknown,
}
