using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>Keeps a group at its desired capacity (plus a refresh's launch-before-terminate surge), launching or terminating.</summary>
internal sealed class GroupScaler(CloudState state, InstanceLifecycle lifecycle)
{
    public bool Reconcile(GroupRecord group, DateTimeOffset at)
    {
        var refresh = group.ActiveRefresh;
        var pass = refresh?.CurrentPass;
        var target = group.Desired + (pass?.Surge ?? 0);
        var live = group.Counted.ToList();
        if (live.Count < target)
        {
            // After an abandoned launch the next waits, longer each time (InstanceLifecycle.LaunchRetryDelay).
            if (group.NextLaunchAt is { } next && at < next)
            {
                state.Agenda.Wake(next);
                return false;
            }

            // While a refresh runs, the group launches the refresh's configuration (the rollback's, once rolling back); a
            // cancelled one replaces nothing more, so the group launches its own again.
            var config = refresh?.Status != InstanceRefreshStatus.Cancelling ? pass?.Target ?? state.ResolveLaunch(group) : state.ResolveLaunch(group);

            // An image made private launches nothing: the launch fails as a scaling activity, and the group tries again later.
            if (state.Images.GetValueOrDefault(config.ImageId)?.Withdrawn == true)
            {
                lifecycle.FailLaunch(group, config, at);
                return true;
            }

            for (var i = live.Count; i < target; i++)
            {
                lifecycle.Launch(group, config, pass, at);
            }

            return true;
        }

        if (live.Count > target)
        {
            var current = pass?.Target ?? state.ResolveLaunch(group);
            // Scale in passes protected instances by (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-instance-protection.html).
            var victims = live
                .Where(m => (pass is null || !pass.AwaitingSurge.Contains(m)) && !m.ProtectedFromScaleIn)
                .OrderBy(m => m.Lifecycle == LifecycleState.InService ? 1 : 0)
                .ThenBy(m => current.Matches(m) ? 1 : 0)
                .ThenBy(m => m.LaunchTime)
                .Take(live.Count - target)
                .ToList();
            foreach (var victim in victims)
            {
                lifecycle.BeginTerminate(victim, at, "scale in");
            }

            return victims.Count > 0;
        }

        return false;
    }
}
