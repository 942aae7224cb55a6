using System.Text.RegularExpressions;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Reads why a refresh of the operator's is failing or failed, from what AWS shows: the group's scaling activities and the
/// refresh's status reason. A refresh fails for EC2 launch failures, misconfigured health checks, or instances in Standby
/// or protected from scale in (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StartInstanceRefresh.html);
/// only new instances that never became Ready nodes are evidence against the AMI.
/// </summary>
internal static partial class RefreshFailures
{
    /// <summary>
    /// The new instances whose launch a lifecycle action abandoned, between <paramref name="since"/> and <paramref name="until"/>.
    /// AWS ends such a launch activity Cancelled, "Instance failed to complete user's Lifecycle Action: Lifecycle Action
    /// with token ... was abandoned: Lifecycle Action Completed with ABANDON Result"
    /// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/CHAP_Troubleshooting.html#RetrievingErrors). The operator's
    /// launch hook abandons exactly the instances whose node was not Ready within launchTimeout.
    /// </summary>
    public static IReadOnlyList<string> AbandonedLaunches(IReadOnlyList<ScalingActivity> activities, DateTimeOffset? since, DateTimeOffset? until) =>
        [.. Launches(activities, since, until)
            .Where(a => Abandoned(a) && InstanceId(a) is not null)
            .OrderBy(a => a.StartTime)
            .Select(a => InstanceId(a)!)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>What a failed or rolled-back refresh failed for, in words a person can act on.</summary>
    /// <param name="held">The operator's own record, when it already holds the refresh's AMI (its rollback, or another group's).</param>
    public static (RefreshFailureCause Cause, string Message) Classify(
        InstanceRefresh refresh, IReadOnlyList<ScalingActivity> activities, LedgerFailedAmi? held)
    {
        // 1. The operator rolled it back for its AMI, or the AMI failed elsewhere first: the record says why.
        if (held is not null)
        {
            return (RefreshFailureCause.Ami, held.Reason);
        }

        // 2. Auto Scaling waited an hour for instances someone holds, and gave up: its status reason names them.
        var reason = string.Join(" ", new[] { refresh.StatusReason, refresh.Rollback?.Reason }.OfType<string>());
        if (ScaleInProtection().IsMatch(reason))
        {
            return (RefreshFailureCause.ScaleInProtectedInstances, reason);
        }

        if (reason.Contains("Standby", StringComparison.OrdinalIgnoreCase))
        {
            return (RefreshFailureCause.StandbyInstances, reason);
        }

        // 3. New instances never became Ready nodes (Auto Scaling retried them for an hour): the AMI.
        var end = refresh.Rollback?.StartTime ?? refresh.EndTime;
        var abandoned = AbandonedLaunches(activities, refresh.StartTime, end);
        if (abandoned.Count > 0)
        {
            return (RefreshFailureCause.Ami,
                $"{abandoned.Count} new instance(s) never became Ready nodes ({string.Join(", ", abandoned.Take(10))}); "
                + $"the refresh ended {refresh.Status}" + (reason.Length > 0 ? $": {reason}" : string.Empty));
        }

        // 4. EC2 could not launch at all (capacity, a quota, a missing instance profile): the failed launch says why.
        if (Launches(activities, refresh.StartTime, end).Where(a => a.StatusCode == "Failed" && !Abandoned(a)).MaxBy(a => a.StartTime) is { } failed)
        {
            return (RefreshFailureCause.LaunchFailure, $"EC2 could not launch instances: {failed.StatusMessage ?? failed.Description}");
        }

        return (RefreshFailureCause.Unknown, reason.Length > 0 ? reason : $"the refresh ended {refresh.Status} without a reason");
    }

    private static IEnumerable<ScalingActivity> Launches(IReadOnlyList<ScalingActivity> activities, DateTimeOffset? since, DateTimeOffset? until) =>
        activities.Where(a =>
            a.Description?.StartsWith("Launching a new EC2 instance", StringComparison.Ordinal) == true
            && (since is null || a.StartTime >= since)
            && (until is null || a.StartTime <= until));

    private static bool Abandoned(ScalingActivity activity) =>
        activity.StatusCode is "Cancelled" or "Failed"
        && (activity.StatusMessage ?? activity.Description ?? string.Empty) is var text
        && text.Contains("Lifecycle Action", StringComparison.OrdinalIgnoreCase)
        && text.Contains("abandon", StringComparison.OrdinalIgnoreCase);

    private static string? InstanceId(ScalingActivity activity) =>
        activity.Description is { } text && InstanceIdPattern().Match(text) is { Success: true } match ? match.Value : null;

    [GeneratedRegex(@"\bi-[0-9a-f]{8,17}\b")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"scale[- ]?in[- ]protect|protected from scale[- ]?in", RegexOptions.IgnoreCase)]
    private static partial Regex ScaleInProtection();
}
