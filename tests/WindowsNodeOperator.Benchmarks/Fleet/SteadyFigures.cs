namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>What the operator's `run` process costs per steady-state reconcile, and its memory, on one fleet.</summary>
internal sealed record SteadyFigures(
    int Reconciles,
    IReadOnlyDictionary<string, double> AwsCallsPerReconcile,
    double KubeRequestsPerReconcile,
    double CpuMsPerReconcile,
    double IdleCpuMsPerMinute,
    double LeaseRequestsPerMinute,
    double StartupCpuMs,
    double PeakWorkingSetMib,
    double WorkingSetMib,
    string Breakdown)
{
    public double AwsCallsPerReconcileTotal => AwsCallsPerReconcile.Values.Sum();
}
