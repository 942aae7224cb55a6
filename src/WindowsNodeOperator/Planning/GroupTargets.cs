using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>Decides each group's target AMI: the latest once it has soaked, otherwise what the group already launches.</summary>
internal static class GroupTargets
{
    /// <summary>The target of <paramref name="group"/>; a refresh that failed in any of <paramref name="policyGroups"/> holds its AMI in all.</summary>
    public static GroupTarget Resolve(
        GroupFacts group, IReadOnlyList<GroupFacts> policyGroups, AmiLookup latest, AmiSpec ami, TimeSpan soakTime, DateTimeOffset now)
    {
        // 1. A group on a launch configuration cannot be pinned to an AMI: no target, so no drift; its expired
        //    nodes are still replaced from whatever it launches.
        if (group.LaunchTemplate is null)
        {
            return new GroupTarget(group, null, null, null);
        }

        var (target, hold) = Choose(group, policyGroups, latest, ami, soakTime, now);
        target ??= group.LaunchTemplateImageId;
        return new GroupTarget(group, target, hold, target is null ? null : FailedIn(group, policyGroups, target));
    }

    private static (string? Target, Wait? Hold) Choose(
        GroupFacts group, IReadOnlyList<GroupFacts> policyGroups, AmiLookup latest, AmiSpec ami, TimeSpan soakTime, DateTimeOffset now)
    {
        // 2. The user keeps the launch template: a refresh rolls out what it says, so that is the target.
        if (!ami.UpdateLaunchTemplate)
        {
            return (null, null);
        }

        switch (latest)
        {
            // 3. No answer from SSM: keep to what the group launches; expired nodes are still replaced.
            case AmiLookupFailed failed:
                return (null, new Wait(WaitReason.AmiUnknown, $"the latest AMI could not be read: {failed.Message}"));

            case AmiFound found when found.ImageId == group.LaunchTemplateImageId:
                return (found.ImageId, null);

            // 4. The soak counts from when AWS published the AMI (its SSM parameter's LastModifiedDate), not from when it was
            //    built: AMIs are built days before release. Without either date, never adopt an AMI of unknown age.
            case AmiFound { SoakStart: null } found:
                return (null, new Wait(
                    WaitReason.AmiUnknown, $"the release date of AMI {found.ImageId} is unknown, so it cannot soak"));

            case AmiFound { SoakStart: { } published } found when now < published + soakTime:
                return (null, new Wait(
                    WaitReason.AmiSoaking,
                    $"AMI {found.ImageId} soaks until {published + soakTime:u} (published {published:u}, ami.soakTime {new PolicyDuration(soakTime)})"));

            // 5. A refresh to this AMI already failed or rolled back, here or in another group of the policy (a bad AMI is
            //    bad everywhere): not again until a newer AMI appears.
            case AmiFound found when FailedIn(group, policyGroups, found.ImageId) is { } failed:
                return (null, FailedWait(failed, found.ImageId));

            case AmiFound found:
                return (found.ImageId, null);

            default:
                throw new ArgumentOutOfRangeException(nameof(latest), latest, "unknown AMI lookup");
        }
    }

    public static Wait FailedWait(GroupFacts group, string imageId) =>
        new(
            WaitReason.PreviousRefreshFailedForAmi,
            (group.LastRefresh is { FailedOrRolledBack: true } last && last.TargetImageId == imageId
                ? $"the last refresh of group {group.Name} to AMI {imageId} ended {last.Status}"
                  + (last.StatusReason is { Length: > 0 } why ? $" ({why})" : string.Empty)
                : $"an earlier refresh of group {group.Name} to AMI {imageId} failed")
            + "; it is not retried until a newer AMI is published");

    private static GroupFacts? FailedIn(GroupFacts group, IReadOnlyList<GroupFacts> policyGroups, string imageId) =>
        new[] { group }.Concat(policyGroups).FirstOrDefault(g => g.FailedFor(imageId));
}
