namespace WindowsNodeOperator.Planning;

/// <summary>One line saying what an action does, for messages, events and the dry-run report.</summary>
internal static class ActionText
{
    public static string Describe(PlanAction action) => action switch
    {
        NoAction => "nothing to do",
        Wait wait => $"wait ({wait.Reason}): {wait.Message}",
        UpdateLaunchTemplate update => $"update the launch template of group {update.Group} to AMI {update.ImageId}",
        StartRefresh refresh =>
            $"start an instance refresh of group {refresh.Group} to AMI {refresh.TargetImageId} "
            + $"(min healthy {refresh.Preferences.MinHealthyPercentage}%)",
        CancelRefresh cancel => $"cancel instance refresh {cancel.RefreshId} of group {cancel.Group} ({cancel.Reason})",
        RollbackRefresh rollback =>
            $"roll back instance refresh {rollback.RefreshId} of group {rollback.Group} and hold AMI {rollback.ImageId}: {rollback.Evidence}",
        ReplaceInstance replace =>
            $"replace node {replace.Node} (instance {replace.InstanceId} in group {replace.Group}, {replace.Reasons})",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown plan action"),
    };
}
