using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>Decides each group's target AMI: the latest once it has soaked, otherwise what the group already launches.</summary>
internal static class GroupTargets
{
    /// <summary>
    /// The target of each group: the latest AMI of its Windows family (<see cref="GroupAmis"/>), or of <c>ami.ssmParameter</c>.
    /// A group whose Windows version is unknown or not the policy's (without leave to change it) has no target.
    /// </summary>
    public static List<GroupTarget> ResolveAll(
        FleetSnapshot snapshot, IEnumerable<GroupFacts> groups, IReadOnlyList<FailedAmiFacts> failedAmis, TimeSpan soakTime)
    {
        var ami = snapshot.Policy.Spec.Ami;
        var builds = GroupWindows.BuildsByGroup(snapshot.Nodes, snapshot.Instances);
        return groups
            .Select(g =>
            {
                if (!GroupAmis.Applies(g, ami))
                {
                    return Resolve(g, failedAmis, snapshot.LatestAmi, ami, soakTime, snapshot.Now);
                }

                var current = GroupWindows.Read(g, builds.TryGetValue(g.Name, out var b) ? b : []);
                var (family, block) = GroupAmis.Family(g.Name, current, ami);
                if (block is not null)
                {
                    return new GroupTarget(g, null, null, null, null, block);
                }

                var latest = family is null
                    ? snapshot.LatestAmi
                    : snapshot.FamilyAmis?.GetValueOrDefault(family) ?? new AmiLookupFailed($"the latest {family} AMI was not read", snapshot.Now);
                return Resolve(g, failedAmis, latest, ami, soakTime, snapshot.Now) with { Family = family };
            })
            .ToList();
    }

    /// <summary>The target of <paramref name="group"/>; an AMI the policy's ledger holds as failed is never a target, in any group.</summary>
    public static GroupTarget Resolve(
        GroupFacts group, IReadOnlyList<FailedAmiFacts> failedAmis, AmiLookup latest, AmiSpec ami, TimeSpan soakTime, DateTimeOffset now)
    {
        // 1. A group on a launch configuration cannot be pinned to an AMI: no target, so no drift; its expired
        //    nodes are still replaced from whatever it launches.
        if (group.LaunchTemplate is null)
        {
            return new GroupTarget(group, null, null, null);
        }

        var (target, hold) = Choose(group, failedAmis, latest, ami, soakTime, now);
        target ??= group.LaunchTemplateImageId;
        return new GroupTarget(group, target, hold, target is null ? null : FailedIn(failedAmis, target));
    }

    private static (string? Target, Wait? Hold) Choose(
        GroupFacts group, IReadOnlyList<FailedAmiFacts> failedAmis, AmiLookup latest, AmiSpec ami, TimeSpan soakTime, DateTimeOffset now)
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

            // 5. The ledger holds this AMI: its new instances never became Ready nodes, here or in another group of the
            //    policy (a bad AMI is bad everywhere). Not again until a newer AMI appears.
            case AmiFound found when FailedIn(failedAmis, found.ImageId) is { } failed:
                return (null, FailedWait(failed));

            case AmiFound found:
                return (found.ImageId, null);

            default:
                throw new ArgumentOutOfRangeException(nameof(latest), latest, "unknown AMI lookup");
        }
    }

    public static Wait FailedWait(FailedAmiFacts failed) =>
        new(
            WaitReason.PreviousRefreshFailedForAmi,
            $"AMI {failed.ImageId} is held: it failed in group {failed.Group} at {failed.FailedAt:u}"
            + (failed.RefreshId is { } id ? $" (instance refresh {id})" : string.Empty)
            + $": {failed.Reason}; it is not retried until a newer AMI is published");

    private static FailedAmiFacts? FailedIn(IReadOnlyList<FailedAmiFacts> failedAmis, string imageId) =>
        failedAmis.FirstOrDefault(f => f.ImageId == imageId);
}
