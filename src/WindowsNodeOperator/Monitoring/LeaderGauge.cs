using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Runtime.Election;

namespace WindowsNodeOperator.Monitoring;

/// <summary>
/// <c>windowsnode_leader</c> (1 on the replica holding the Lease, 0 on the others), and the end of each term of
/// leadership clears the policy gauges.
/// </summary>
internal sealed class LeaderGauge : BackgroundService
{
    private readonly ILeadership _leadership;
    private readonly ReconciliationMetrics _metrics;

    public LeaderGauge(ILeadership leadership, ReconciliationMetrics metrics, IMeterFactory meters)
    {
        _leadership = leadership;
        _metrics = metrics;
        meters.Create(ReconciliationMetrics.MeterName).CreateObservableGauge(
            "windowsnode_leader", () => _leadership.IsLeader ? 1 : 0, description: "1 on the replica that leads (runs the controllers), 0 on a standby.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var term = await _leadership.WaitForLeadershipAsync(stoppingToken).ConfigureAwait(false);
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (term.Register(() => ended.TrySetResult()))
            using (stoppingToken.Register(() => ended.TrySetResult()))
            {
                await ended.Task.ConfigureAwait(false);
            }

            _metrics.Clear();
        }
    }
}
