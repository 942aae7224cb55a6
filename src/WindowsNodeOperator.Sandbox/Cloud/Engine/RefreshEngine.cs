using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>
/// Drives an instance refresh (Rolling strategy) one look at a time: batches sized by the minimum and maximum
/// healthy percentages, warm-up, checkpoints, instances protected from scale in or in Standby, failure, cancel and rollback.
/// https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html
/// </summary>
internal sealed class RefreshEngine(CloudState state, InstanceLifecycle lifecycle)
{
    /// <summary>
    /// "When an instance refresh is unable to continue making replacements because it is waiting to replace instances on
    /// standby or protected from scale in, or the new instances do not pass their health checks, Amazon EC2 Auto Scaling
    /// keeps retrying for an hour. [...] If the problem persists after an hour, the operation fails."
    /// (https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html, "One-hour timeout")
    /// </summary>
    public static readonly TimeSpan NoProgressTimeout = TimeSpan.FromHours(1);

    public bool Evaluate(GroupRecord group, RefreshRecord refresh, DateTimeOffset at)
    {
        var changed = false;
        if (refresh.Status == InstanceRefreshStatus.Pending)
        {
            SetStatus(refresh, InstanceRefreshStatus.InProgress, null, at);
            changed = true;
        }

        changed |= Observe(refresh, refresh.Forward, at);
        var pass = refresh.CurrentPass;
        if (refresh.Rollback is not null)
        {
            changed |= Observe(refresh, pass, at);
        }

        ReportProgress(refresh, at);
        changed |= NoteAbandonedLaunches(refresh, pass, at);
        // A cancel ends Cancelled once what is under way has finished; it never fails for want of progress.
        if (refresh.StalledSince is { } since && at >= since + NoProgressTimeout && refresh.Status != InstanceRefreshStatus.Cancelling)
        {
            Fail(refresh, refresh.StallFailure!, at);
            return true;
        }

        // 1. Launch before terminate: the extra instances are warm, so the old ones of the batch may go.
        if (pass.AwaitingSurge.Count > 0 && group.Counted.Count() >= group.Desired + pass.Surge && !Warming(pass, refresh, at))
        {
            foreach (var old in pass.AwaitingSurge)
            {
                lifecycle.BeginTerminate(old, at, "instance refresh");
                pass.Leaving.Add(old);
            }

            pass.AwaitingSurge.Clear();
            pass.Surge = 0;
            return true;
        }

        // 2. A batch is still on its way: replacements launching or warming up, or old instances waiting for them. Old
        // instances held in Terminating:Wait by a lifecycle hook do not hold the next batch back: the refresh goes on once
        // the replacements are InService and warmed up, so several old instances may wait at once.
        // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html (InstanceWarmup)
        if (pass.AwaitingSurge.Count > 0 || Warming(pass, refresh, at) || group.Counted.Count() < group.Desired)
        {
            return changed;
        }

        // 3. Between batches: finished, cancelled, baking, at a checkpoint, or on to the next batch. An end waits for the
        // old instances still terminating, as a cancel lets the terminations in flight complete.
        var terminating = pass.Leaving.Count > 0 || refresh.Forward.Leaving.Count > 0;
        if (refresh.Rollback is not null)
        {
            if (pass.Remaining.Count == 0)
            {
                return terminating ? changed : End(refresh, InstanceRefreshStatus.RollbackSuccessful, refresh.RollbackReason, at);
            }
        }
        else if (refresh.Status == InstanceRefreshStatus.Cancelling)
        {
            return terminating ? changed : End(refresh, InstanceRefreshStatus.Cancelled, "The instance refresh was cancelled.", at);
        }
        else if (pass.Remaining.Count == 0)
        {
            return terminating ? changed : Bake(group, refresh, at) || changed;
        }

        var limit = int.MaxValue;
        if (refresh.Rollback is null && refresh.Preferences.CheckpointPercentages is { Count: > 0 } checkpoints
            && refresh.CheckpointIndex < checkpoints.Count)
        {
            // Between batches every instance taken out has a warm replacement: the taken count is the new count.
            var taken = pass.Total - pass.Remaining.Count;
            var needed = Needed(pass, checkpoints[refresh.CheckpointIndex]);
            if (taken >= needed)
            {
                return AtCheckpoint(group, refresh, taken, at) || changed;
            }

            limit = needed - taken;
        }

        return StartBatch(group, refresh, pass, limit, at) || changed;
    }

    /// <summary>
    /// One look at an active refresh. A rollback being cancelled starts no further batch and ends Cancelled once the
    /// launches and terminations under way have finished; anything else is <see cref="Evaluate"/>.
    /// </summary>
    public bool Step(GroupRecord group, RefreshRecord refresh, DateTimeOffset at) => refresh switch
    {
        { Status: InstanceRefreshStatus.Cancelling, CancelWithoutWaiting: true } => EndCancelled(refresh, at),
        { Status: InstanceRefreshStatus.Cancelling, Rollback: { } rollback } => SettleCancelledRollback(group, refresh, rollback, at),
        _ => Evaluate(group, refresh, at),
    };

    /// <summary>
    /// Starts rolling back. RollbackDetails are a snapshot taken now: "PercentageCompleteOnRollback: Indicates the value of
    /// PercentageComplete at the time the rollback started", "InstancesToUpdateOnRollback: Indicates the value of
    /// InstancesToUpdate at the time the rollback started" (botocore autoscaling/2011-01-01, shape RollbackDetails;
    /// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RollbackDetails.html).
    /// </summary>
    public void StartRollback(RefreshRecord refresh, string reason, DateTimeOffset at)
    {
        var forward = refresh.Forward;
        (refresh.PercentageCompleteAtRollback, refresh.InstancesToUpdateAtRollback) = RefreshProgress.Of(refresh);
        forward.Surge = 0;
        forward.AwaitingSurge.Clear();
        refresh.PausedUntil = null;
        refresh.Rollback = new ReplacementPass(
            state.ResolveLaunch(refresh.PreviousTemplate, refresh.PreviousMixedInstancesPolicy),
            forward.Launched.Where(i => i.Live).Select(i => i.Id).ToList());
        refresh.RollbackReason = reason;
        refresh.RollbackStartTime = at;
        (refresh.StalledSince, refresh.StallFailure, refresh.StalledOnHeld) = (null, null, false);
        SetStatus(refresh, InstanceRefreshStatus.RollbackInProgress, reason, at);
    }

    /// <summary>
    /// Cancels a refresh or its rollback: Cancelling now, Cancelled once the batch in flight has finished, or at the next look
    /// without <paramref name="waitForTransitioningInstances"/>: "When set to false, Amazon EC2 Auto Scaling cancels the
    /// instance refresh without waiting for any pending launches or terminations to complete" (API_CancelInstanceRefresh).
    /// </summary>
    public void Cancel(RefreshRecord refresh, DateTimeOffset at, bool waitForTransitioningInstances = true)
    {
        refresh.CancelWithoutWaiting = !waitForTransitioningInstances;
        SetStatus(refresh, InstanceRefreshStatus.Cancelling, refresh.Rollback is null ? "Cancellation requested." : "Cancellation of the rollback requested.", at);
    }

    /// <summary>
    /// A cancelled rollback: "Cancels an instance refresh or rollback that is in progress" (API_CancelInstanceRefresh); like a
    /// cancelled refresh, it lets the batch in flight finish and replaces nothing more. The instances it has not yet
    /// replaced stay on the refresh's configuration, and the group's own configuration is the one it had before the refresh.
    /// </summary>
    private bool SettleCancelledRollback(GroupRecord group, RefreshRecord refresh, ReplacementPass rollback, DateTimeOffset at)
    {
        var changed = Observe(refresh, refresh.Forward, at);
        changed |= Observe(refresh, rollback, at);
        ReportProgress(refresh, at);
        if (rollback.Leaving.Count > 0 || refresh.Forward.Leaving.Count > 0 || Warming(rollback, refresh, at) || group.Counted.Count() < group.Desired)
        {
            return changed;
        }

        return EndCancelled(refresh, at);
    }

    private bool EndCancelled(RefreshRecord refresh, DateTimeOffset at)
    {
        End(refresh, InstanceRefreshStatus.Cancelled, refresh.Rollback is null ? "The instance refresh was cancelled." : "The rollback was cancelled.", at);
        return true;
    }

    private bool Observe(RefreshRecord refresh, ReplacementPass pass, DateTimeOffset at)
    {
        var changed = false;
        foreach (var gone in pass.Leaving.Where(i => i.Lifecycle == LifecycleState.Terminated).ToList())
        {
            pass.Leaving.Remove(gone);
            pass.Removed++;
            changed = true;
        }

        // An old instance that left by other means (terminated by hand, scaled in) counts as taken out.
        foreach (var id in pass.Remaining.Where(id => state.Instances[id].Lifecycle.IsLeaving()).ToList())
        {
            pass.Remaining.Remove(id);
            pass.Leaving.Add(state.Instances[id]);
            changed = true;
        }

        foreach (var launched in pass.Launched.Where(i => i.Live && !pass.Warmed.Contains(i.Id)))
        {
            if (launched.IsWarm(at, refresh.Warmup))
            {
                pass.Warmed.Add(launched.Id);
                changed = true;
                if (pass == refresh.CurrentPass && refresh.StalledSince is not null)
                {
                    // A replacement passed its health checks: the refresh is moving again.
                    Unstall(refresh, at);
                }
            }
            else if (launched.InServiceAt is { } inService)
            {
                state.Agenda.Wake(inService + refresh.Warmup);
            }
        }

        return changed;
    }

    private static bool Warming(ReplacementPass pass, RefreshRecord refresh, DateTimeOffset at) =>
        pass.Launched.Any(i => i.Live && !i.IsWarm(at, refresh.Warmup));

    /// <summary>Instances that must be new for a checkpoint to be reached: that percentage of the refresh's, rounded up.</summary>
    private static int Needed(ReplacementPass pass, int percentage) => (int)Math.Ceiling(pass.Total * percentage / 100.0);

    private bool AtCheckpoint(GroupRecord group, RefreshRecord refresh, int taken, DateTimeOffset at)
    {
        var checkpoints = refresh.Preferences.CheckpointPercentages!;
        if (refresh.PausedUntil is null)
        {
            // A batch that passes several checkpoints at once skips the lower ones: the refresh pauses once, at the highest
            // reached (https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-adding-checkpoints-instance-refresh.html,
            // Considerations: with two instances and [10, 40, 100], the first replacement makes 50 %, so 10 is skipped).
            while (refresh.CheckpointIndex + 1 < checkpoints.Count && taken >= Needed(refresh.CurrentPass, checkpoints[refresh.CheckpointIndex + 1]))
            {
                state.Record(at, Subject(refresh), $"checkpoint {checkpoints[refresh.CheckpointIndex]}% skipped");
                refresh.CheckpointIndex++;
            }

            var reached = checkpoints[refresh.CheckpointIndex];
            if (refresh.CheckpointIndex == checkpoints.Count - 1)
            {
                // The last checkpoint is below 100: a partial refresh, done once it is reached.
                Succeed(group, refresh, $"Reached the last checkpoint, {reached}%.", at);
                return true;
            }

            refresh.PausedUntil = at + TimeSpan.FromSeconds(refresh.Preferences.CheckpointDelay);
            refresh.StatusReason = $"Waiting at checkpoint {reached}% until {refresh.PausedUntil:O}.";
            state.Record(at, Subject(refresh), $"checkpoint {reached}% reached, waiting {refresh.Preferences.CheckpointDelay}s");
            state.Agenda.Wake(refresh.PausedUntil.Value);
            return true;
        }

        if (at < refresh.PausedUntil)
        {
            return false;
        }

        refresh.PausedUntil = null;
        refresh.StatusReason = null;
        state.Record(at, Subject(refresh), $"checkpoint {checkpoints[refresh.CheckpointIndex]}% delay over");
        refresh.CheckpointIndex++;
        return true;
    }

    /// <summary>
    /// After the last replacement the refresh waits its BakeTime, status Baking, before it is complete; only then does the
    /// group take the desired configuration. It is still in progress meanwhile, so it may be rolled back.
    /// (botocore autoscaling 2011-01-01: RefreshPreferences.BakeTime "to wait at the end of an instance refresh before the
    /// instance refresh is considered complete"; InstanceRefreshStatus Baking "Waiting the specified bake time after an
    /// instance refresh has finished updating instances"; https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-rollback.html)
    /// </summary>
    private bool Bake(GroupRecord group, RefreshRecord refresh, DateTimeOffset at)
    {
        var bake = TimeSpan.FromSeconds(refresh.Preferences.BakeTime);
        if (refresh.BakedAt is null && bake > TimeSpan.Zero)
        {
            refresh.BakedAt = at + bake;
            SetStatus(refresh, InstanceRefreshStatus.Baking, null, at);
            state.Agenda.Wake(refresh.BakedAt.Value);
            return true;
        }

        if (refresh.BakedAt is { } baked && at < baked)
        {
            return false;
        }

        Succeed(group, refresh, null, at);
        return true;
    }

    private bool StartBatch(GroupRecord group, RefreshRecord refresh, ReplacementPass pass, int limit, DateTimeOffset at)
    {
        // Instances held from the refresh (ScaleInProtectedInstances or StandbyInstances Wait) wait at the back; with nothing
        // else left the refresh waits for them, and fails after the hour.
        var candidates = pass.Remaining
            .Select(id => state.Instances[id])
            .OrderBy(i => i.LaunchTime).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var free = candidates.Where(i => HeldBy(refresh, i) is null).ToList();
        if (free.Count == 0)
        {
            return WaitForHeld(refresh, candidates, at);
        }

        if (refresh.StalledOnHeld)
        {
            Unstall(refresh, at);
        }

        var desired = group.Desired;
        var minHealthy = (int)Math.Ceiling(desired * refresh.Preferences.MinHealthyPercentage / 100.0);
        var maxAllowed = desired * (refresh.Preferences.MaxHealthyPercentage ?? 100) / 100;
        var size = Math.Min(Math.Max(1, maxAllowed - minHealthy), free.Count);
        size = Math.Min(size, Math.Max(1, limit));
        // With MinHealthyPercentage 100 the batch launches before it terminates, even when MaxHealthyPercentage leaves no room
        // above desired capacity (100, or unset): one instance at a time, the group one above desired meanwhile.
        // https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html ("Launch the new instances first
        // before terminating the old ones if the minimum healthy percentage is set to 100 percent")
        var surge = Math.Min(size, Math.Max(refresh.Preferences.MinHealthyPercentage == 100 ? size : 0, maxAllowed - desired));
        var picked = free.Take(size).ToList();
        foreach (var instance in picked)
        {
            pass.Remaining.Remove(instance.Id);
        }

        state.Record(at, Subject(refresh), $"batch of {size}: {string.Join(' ', picked.Select(i => i.Id))}" + (surge > 0 ? $" (launching {surge} first)" : string.Empty));
        foreach (var instance in picked.Take(size - surge))
        {
            lifecycle.BeginTerminate(instance, at, "instance refresh");
            pass.Leaving.Add(instance);
        }

        pass.AwaitingSurge.AddRange(picked.Skip(size - surge));
        pass.Surge = surge;
        return true;
    }

    /// <summary>Why an instance may not be taken now: protected from scale in or in Standby, with the preference Wait.</summary>
    private static string? HeldBy(RefreshRecord refresh, InstanceRecord instance) =>
        instance.Lifecycle == LifecycleState.Standby && refresh.Preferences.StandbyInstances == RefreshPreferences.Wait ? "in Standby"
        : instance.ProtectedFromScaleIn && refresh.Preferences.ScaleInProtectedInstances == RefreshPreferences.Wait ? "protected from scale in"
        : null;

    private bool WaitForHeld(RefreshRecord refresh, List<InstanceRecord> held, DateTimeOffset at)
    {
        var first = held[0];
        var why = HeldBy(refresh, first)!;
        var waiting = why == "in Standby"
            ? $"Waiting for instances in Standby to return to service (StandbyInstances Wait). For example: {first.Id} is in Standby."
            : $"Waiting for instances protected from scale in to be unprotected (ScaleInProtectedInstances Wait). For example: {first.Id} is protected from scale in.";
        var failure = $"The instance refresh failed: it waited one hour for instances {why}: {string.Join(", ", held.Select(i => i.Id))}.";
        if (refresh.StalledSince is not null && refresh.StatusReason == waiting && refresh.StallFailure == failure)
        {
            return false;
        }

        Stall(refresh, at, waiting, failure);
        refresh.StalledOnHeld = true;
        return true;
    }

    /// <summary>New abandoned launches of the current pass: Auto Scaling replaced them and retries; the hour runs from the first.</summary>
    private bool NoteAbandonedLaunches(RefreshRecord refresh, ReplacementPass pass, DateTimeOffset at)
    {
        if (pass.AbandonedLaunches.Count == pass.AbandonedLaunchesSeen)
        {
            return false;
        }

        pass.AbandonedLaunchesSeen = pass.AbandonedLaunches.Count;
        var since = refresh.StalledSince ?? pass.AbandonedLaunches[^1].At;
        var failed = pass.AbandonedLaunches.Where(a => a.At >= since).ToList();
        var latest = failed[^1];
        Stall(
            refresh,
            since,
            $"Waiting for replacement instances to pass their health checks: {failed.Count} launch(es) abandoned since {Stamp(since)}, "
            + $"the latest {latest.InstanceId}: {latest.Message}. The instance refresh fails if none passes by {Stamp(since + NoProgressTimeout)}.",
            $"The instance refresh failed: for one hour no replacement instance passed its health checks ({failed.Count} launch(es) abandoned, "
            + $"the latest {latest.InstanceId}: {latest.Message}).");
        return true;
    }

    private void Stall(RefreshRecord refresh, DateTimeOffset since, string waiting, string failure)
    {
        if (refresh.StalledSince is null)
        {
            state.Record(since, Subject(refresh), $"making no progress: {waiting}");
        }

        refresh.StalledSince ??= since;
        refresh.StallFailure = failure;
        refresh.StatusReason = waiting;
        state.Agenda.Wake(refresh.StalledSince.Value + NoProgressTimeout);
    }

    private void Unstall(RefreshRecord refresh, DateTimeOffset at)
    {
        state.Record(at, Subject(refresh), "making progress again");
        (refresh.StalledSince, refresh.StallFailure, refresh.StalledOnHeld) = (null, null, false);
        refresh.StatusReason = refresh.Rollback is null ? null : refresh.RollbackReason;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private void Fail(RefreshRecord refresh, string reason, DateTimeOffset at)
    {
        (refresh.StalledSince, refresh.StallFailure, refresh.StalledOnHeld) = (null, null, false);
        if (refresh.Rollback is not null)
        {
            End(refresh, InstanceRefreshStatus.RollbackFailed, reason, at);
        }
        else if (refresh.Preferences.AutoRollback)
        {
            state.Record(at, Subject(refresh), $"failed: {reason}");
            StartRollback(refresh, reason, at);
        }
        else
        {
            End(refresh, InstanceRefreshStatus.Failed, reason, at);
        }
    }

    private void Succeed(GroupRecord group, RefreshRecord refresh, string? reason, DateTimeOffset at)
    {
        // Only a successful refresh writes its desired configuration into the group, and it replaces the group's own: a
        // launch template alone takes the place of a mixed instances policy, overrides and distribution with it.
        // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StartInstanceRefresh.html (DesiredConfiguration)
        if (refresh.DesiredConfiguration?.MixedInstancesPolicy is { } policy)
        {
            group.Use(state.Named(policy));
        }
        else if (refresh.DesiredConfiguration?.LaunchTemplate is { } template)
        {
            group.Use(state.Named(template));
        }

        End(refresh, InstanceRefreshStatus.Successful, reason, at);
    }

    private bool End(RefreshRecord refresh, InstanceRefreshStatus status, string? reason, DateTimeOffset at)
    {
        var pass = refresh.CurrentPass;
        pass.Surge = 0;
        pass.AwaitingSurge.Clear();
        refresh.EndTime = at;
        (refresh.StalledSince, refresh.StallFailure, refresh.StalledOnHeld) = (null, null, false);
        SetStatus(refresh, status, reason, at);
        ReportProgress(refresh, at);
        return true;
    }

    private void SetStatus(RefreshRecord refresh, InstanceRefreshStatus status, string? reason, DateTimeOffset at)
    {
        refresh.Status = status;
        refresh.StatusReason = reason;
        state.Record(at, Subject(refresh), status.ToString());
    }

    private void ReportProgress(RefreshRecord refresh, DateTimeOffset at)
    {
        var (percentage, _) = RefreshProgress.Of(refresh);
        if (percentage != refresh.LastReportedPercentage)
        {
            refresh.LastReportedPercentage = percentage;
            state.Record(at, Subject(refresh), $"{percentage}% complete");
        }
    }

    private static string Subject(RefreshRecord refresh) => $"refresh/{refresh.GroupName}";
}
