namespace WindowsNodeOperator.Reconciliation;

/// <summary>Drives the groups' lifecycle hooks every reconcile: drains for terminating instances, the launch gate for new ones.</summary>
internal interface IHookDriver
{
    Task<HookReport> DriveAsync(PolicyContext context, Gathered gathered, Planning.Plan plan, List<Problem> problems, CancellationToken ct);
}
