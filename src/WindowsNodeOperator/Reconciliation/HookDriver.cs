using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Reconciliation.Termination;
using WindowsNodeOperator.Reconciliation.Launch;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Every look: the termination step for instances in Terminating:Wait, the launch gate for new instances.</summary>
internal sealed class HookDriver(TerminationController termination, LaunchGate launches) : IHookDriver
{
    public async Task<HookReport> DriveAsync(PolicyContext context, Gathered gathered, Plan plan, List<Problem> problems, CancellationToken ct)
    {
        var terminating = await termination.StepAsync(context, gathered, plan, problems, ct).ConfigureAwait(false);
        var held = await launches.OpenAsync(context, gathered, ct).ConfigureAwait(false);
        return new HookReport(terminating.DrainingNodes, terminating.WaitingForBudget, held);
    }
}
