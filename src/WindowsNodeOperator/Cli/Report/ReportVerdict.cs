namespace WindowsNodeOperator.Cli.Report;

internal enum ReportVerdict
{
    Compliant,
    Expired,
    Drifted,
    Unmanaged,
}
