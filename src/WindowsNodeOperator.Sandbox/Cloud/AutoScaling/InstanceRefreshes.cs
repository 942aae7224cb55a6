using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Engine;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>Validation and bookkeeping of StartInstanceRefresh, CancelInstanceRefresh and RollbackInstanceRefresh.</summary>
internal sealed class InstanceRefreshes(CloudCore core)
{
    private CloudState State => core.State;

    public string Start(StartInstanceRefreshRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var group = State.Groups.GetValueOrDefault(request.AutoScalingGroupName)
            ?? throw SimulatedAwsException.Validation($"AutoScalingGroup name not found - AutoScalingGroup '{request.AutoScalingGroupName}' not found");
        if (group.ActiveRefresh is not null)
        {
            throw new SimulatedAwsException("InstanceRefreshInProgress", 400, "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.");
        }

        var preferences = request.Preferences ?? new RefreshPreferences();
        Validate(preferences);
        var desired = request.DesiredConfiguration;
        if (desired is not null)
        {
            Validate(desired);
        }

        if (preferences.AutoRollback)
        {
            // Without a desired configuration AWS answers ValidationError, with this wording (quoted in
            // hashicorp/terraform-provider-aws issue 29830); a group it could not roll back to, IrreversibleInstanceRefresh.
            if (desired is null)
            {
                throw SimulatedAwsException.Validation(
                    "The request isn't valid. The AutoRollback parameter cannot be set to true when the DesiredConfiguration parameter is empty. "
                    + "Set AutoRollback to false or specify a desired configuration and try again.");
            }

            if (WhyIrreversible(group.Template) is { } why)
            {
                throw Irreversible(why);
            }
        }

        // Without a desired configuration the refresh launches what the group already does.
        var target = desired is null
            ? State.ResolveLaunch(group)
            : State.ResolveLaunch(desired.Template, desired.MixedInstancesPolicy);

        // Instances in Standby or protected from scale in, by the preferences: Ignore leaves them out, Terminate ends those in
        // Standby now (they count toward no capacity, so none replaces them), Refresh and Wait keep them in (Wait holds them
        // back while they stay so: RefreshEngine). Ignore is judged here, at the start.
        var standby = group.Live.Where(i => i.Lifecycle == LifecycleState.Standby).ToList();
        if (preferences.StandbyInstances == RefreshPreferences.Terminate)
        {
            standby.ForEach(i => core.Lifecycle.BeginTerminate(i, now, "instance refresh: in Standby"));
        }

        var toReplace = group.Live
            .Where(i => !(preferences.SkipMatching && target.Matches(i)))
            .Where(i => !(i.Lifecycle == LifecycleState.Standby && preferences.StandbyInstances == RefreshPreferences.Ignore))
            .Where(i => !(i.ProtectedFromScaleIn && i.Lifecycle != LifecycleState.Standby && preferences.ScaleInProtectedInstances == RefreshPreferences.Ignore))
            .Select(i => i.Id)
            .ToList();
        var refresh = new RefreshRecord
        {
            Id = State.Ids.Guid(),
            GroupName = group.Name,
            StartTime = now,
            Preferences = preferences,
            DesiredConfiguration = desired,
            PreviousTemplate = group.Template,
            PreviousMixedInstancesPolicy = group.MixedInstancesPolicy,
            Forward = new ReplacementPass(target, toReplace),
            Warmup = TimeSpan.FromSeconds(preferences.InstanceWarmup ?? group.DefaultInstanceWarmup ?? group.HealthCheckGracePeriod),
        };
        group.Refreshes.Insert(0, refresh);
        State.Record(now, $"refresh/{group.Name}", $"Pending: {toReplace.Count} to replace with {target.TemplateName} v{target.Version} ({target.ImageId})");
        return refresh.Id;
    }

    /// <summary>
    /// Cancels the group's refresh, or its rollback: "Cancels an instance refresh or rollback that is in progress"
    /// (API_CancelInstanceRefresh); a refresh Baking has not finished (the group has not taken its desired configuration),
    /// so it is cancelled too. Cancelling, then Cancelled once the batch in flight has finished. One already Cancelling is
    /// not in progress any more: ActiveInstanceRefreshNotFound.
    /// </summary>
    public string Cancel(GroupRecord group, DateTimeOffset now, bool waitForTransitioningInstances = true)
    {
        var refresh = group.ActiveRefresh;
        if (refresh?.Status is not (InstanceRefreshStatus.Pending or InstanceRefreshStatus.InProgress or InstanceRefreshStatus.Baking
            or InstanceRefreshStatus.RollbackInProgress))
        {
            throw NotFound();
        }

        core.Refreshes.Cancel(refresh, now, waitForTransitioningInstances);
        return refresh.Id;
    }

    public string Rollback(GroupRecord group, DateTimeOffset now)
    {
        // A refresh Baking has not finished: it may still be rolled back (instance-refresh-rollback.html: "You can roll back
        // an instance refresh that is still in progress. You can't roll it back after it's finished.").
        var refresh = group.ActiveRefresh;
        if (refresh?.Status is not (InstanceRefreshStatus.Pending or InstanceRefreshStatus.InProgress or InstanceRefreshStatus.Baking))
        {
            throw NotFound();
        }

        if (refresh.DesiredConfiguration is null)
        {
            throw Irreversible("The instance refresh has no desired configuration to roll back from.");
        }

        if (WhyIrreversible(refresh.PreviousTemplate) is { } why)
        {
            throw Irreversible(why);
        }

        core.Refreshes.StartRollback(refresh, "The rollback was started by a RollbackInstanceRefresh request.", now);
        return refresh.Id;
    }

    private static void Validate(DesiredConfiguration desired)
    {
        if (desired.LaunchTemplate is null == desired.MixedInstancesPolicy is null)
        {
            throw SimulatedAwsException.Validation("A desired configuration must specify either a LaunchTemplate or a MixedInstancesPolicy.");
        }

        if (desired.MixedInstancesPolicy is { } policy)
        {
            MixedInstancesRules.Validate(policy);
        }
    }

    private static void Validate(RefreshPreferences preferences)
    {
        var min = preferences.MinHealthyPercentage;
        var max = preferences.MaxHealthyPercentage ?? 100;
        if (min is < 0 or > 100 || max is < 100 or > 200 || max - min > 100)
        {
            throw SimulatedAwsException.Validation("MinHealthyPercentage must be 0 to 100, MaxHealthyPercentage 100 to 200, and at most 100 apart.");
        }

        if (preferences.CheckpointPercentages is { } checkpoints
            && (checkpoints.Any(c => c is < 1 or > 100) || checkpoints.Zip(checkpoints.Skip(1)).Any(p => p.First >= p.Second)))
        {
            throw SimulatedAwsException.Validation("CheckpointPercentages must be unique values from 1 to 100 in ascending order.");
        }

        if (preferences.ScaleInProtectedInstances is not (RefreshPreferences.Refresh or RefreshPreferences.Ignore or RefreshPreferences.Wait)
            || preferences.StandbyInstances is not (RefreshPreferences.Terminate or RefreshPreferences.Ignore or RefreshPreferences.Wait))
        {
            throw SimulatedAwsException.Validation(
                "ScaleInProtectedInstances must satisfy enum value set: [Ignore, Wait, Refresh]; StandbyInstances must satisfy enum value set: [Terminate, Ignore, Wait].");
        }

        if (preferences.InstanceWarmup is < 0 || preferences.CheckpointDelay is < 0 or > 172800)
        {
            throw SimulatedAwsException.Validation("InstanceWarmup must not be negative, CheckpointDelay must be 0 to 172800 seconds.");
        }

        // botocore: shape BakeTime, min 0, max 172800.
        if (preferences.BakeTime is < 0 or > 172800)
        {
            throw SimulatedAwsException.Validation("BakeTime must be 0 to 172800 seconds.");
        }
    }

    private static SimulatedAwsException NotFound() =>
        new("ActiveInstanceRefreshNotFound", 400, "No in progress or pending Instance Refresh found for Auto Scaling group.");

    /// <summary>
    /// Why a group on <paramref name="template"/> cannot be rolled back to it, or null: "The Auto Scaling group uses the launch
    /// template's $Latest or $Default version", or "has a launch template that uses an AWS Systems Manager parameter instead of
    /// an AMI ID for the ImageId property" (API_RollbackInstanceRefresh; RefreshPreferences.AutoRollback).
    /// </summary>
    private string? WhyIrreversible(LaunchTemplateSpecification template) =>
        !template.IsNumbered
            ? $"The Auto Scaling group uses launch template version {template.Version}; a rollback needs a specific numbered version."
            : State.Resolve(template).ImageId.StartsWith(LaunchTemplateSpecification.SsmImagePrefix, StringComparison.Ordinal)
                ? $"The Auto Scaling group's launch template version {template.Version} takes its ImageId from a Systems Manager parameter; a rollback needs an AMI ID."
                : null;

    // AWS's wording is not documented: the fault's description (botocore IrreversibleInstanceRefreshFault) is shaped here.
    private static SimulatedAwsException Irreversible(string why) =>
        new("IrreversibleInstanceRefresh", 400, $"The request failed because a rollback is not possible: {why}");
}
